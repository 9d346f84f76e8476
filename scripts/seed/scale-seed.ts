/**
 * Seeds complaints with their tickets in bulk with generate_series (about a minute per million on
 * two cores): 365 days of history, every category, priority, queue and status, a share of them
 * rated and breached. For EXPLAIN checks and benchmarks on realistic volumes; never for a real desk.
 */
const DEFAULT_TEXTS = [
  ['消息延迟很久才收到', '消息 延迟 很久 收到'],
  ['视频通话卡顿掉线', '视频 通话 卡顿 掉线'],
  ['会员自动续费扣钱', '会员 自动 续费 扣钱'],
  ['账号被盗密码被改', '账号 被盗 密码 被改'],
  ['广告弹窗太多', '广告 弹窗 太多'],
  ['app crashes on start', 'app crashes on start'],
  ['charged twice for membership', 'charged twice for membership'],
  ['客服态度很差', '客服 态度 很差'],
].map(([description, searchText]) => ({ description, searchText }));

export async function seedComplaintsAndTickets(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
  count: number,
  /** Texts to cycle through (description and its segmented search text); a few phrases by default. */
  texts: readonly { description: string; searchText: string }[] = DEFAULT_TEXTS,
): Promise<void> {
  await query(
    `
    INSERT INTO complaints (id, tracking_code, tracking_token_hash, platform_user_id, contact,
                            description, status, category, priority, search_text,
                            satisfaction_rating, created_at)
    SELECT gen_random_uuid(), 'S' || lpad(i::text, 9, '0'), md5(i::text) || md5(i::text),
           (10000 + i % 200000)::text, 'seed@example.cn',
           ($2::text[])[1 + i % $4] || ' #' || i,
           'triaged',
           (ARRAY['functional_defect','network_outage','account_security','privacy_leak',
                  'service_attitude','marketing_abuse','billing','ux_design','other'])[1 + i % 9],
           (ARRAY['P1','P2','P3','P4'])[1 + i % 4],
           ($3::text[])[1 + i % $4] || ' ' || i,
           CASE WHEN i % 7 = 0 THEN 1 + i % 5 END,
           now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second'
      FROM generate_series(1, $1::int) AS i`,
    [count, texts.map((t) => t.description), texts.map((t) => t.searchText), texts.length],
  );
  await query(`
    INSERT INTO tickets (complaint_id, queue_key, status, priority, category, sla_first_response_seconds,
                         sla_resolution_seconds, first_response_due_at, resolution_due_at,
                         first_responded_at, resolved_at, breached, satisfaction_rating, created_at)
    SELECT c.id, (ARRAY['general','billing','security','ux'])[1 + n % 4],
           (ARRAY['new','assigned','in_progress','awaiting_user','resolved',
                  'closed','closed','closed','closed','closed'])[1 + n % 10],
           c.priority, c.category, 3600, 86400, c.created_at + interval '1 hour',
           c.created_at + interval '1 day', c.created_at + (n % 90) * interval '1 minute',
           c.created_at + (n % 48) * interval '1 hour', n % 20 = 0, c.satisfaction_rating, c.created_at
      FROM (SELECT c.*, row_number() OVER () AS n FROM complaints c
             WHERE c.contact = 'seed@example.cn'
               AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.complaint_id = c.id)) c`);
  await query('VACUUM ANALYZE complaints');
  await query('VACUUM ANALYZE tickets');
}
