import type { Locale } from '../complaint.constants.js';

/** Every string the public pages show, in Chinese and English. */
export const TEXT = {
  zh: {
    lang: 'zh-CN',
    switchTo: 'English',
    deskName: '投诉与补偿服务台',
    formTitle: '提交投诉',
    formIntro: '告诉我们发生了什么。提交后您会得到一个查询码和一个查询密钥，请妥善保存。',
    platformUserId: '用户ID（5–12 位数字）',
    contact: '联系方式（邮箱或手机号）',
    title: '标题（可选）',
    description: '问题描述',
    category: '问题类型（可选）',
    categoryUnknown: '不确定',
    submit: '提交投诉',
    submitting: '正在提交…',
    honeypot: '请勿填写此项',
    received: '我们已收到您的投诉',
    keepThese: '请保存以下信息，用于查询处理进度：',
    trackingCode: '查询码',
    trackingToken: '查询密钥',
    trackLink: '查询进度',
    trackTitle: '查询投诉进度',
    trackIntro: '输入提交投诉时得到的查询码和查询密钥。',
    show: '查询',
    status: '当前状态',
    statuses: {
      received: '已受理',
      in_progress: '处理中',
      awaiting_user: '等待您的回复',
      resolved: '已解决',
      closed: '已关闭',
    },
    categoryLabel: '类型',
    notYetTriaged: '正在分类',
    filedAt: '提交时间',
    replies: '回复记录',
    noReplies: '暂无回复',
    fromAgent: '客服',
    fromUser: '我',
    compensations: '补偿',
    memberDays: '会员天数',
    qCoins: 'Q币',
    replyLabel: '补充说明',
    sendReply: '发送',
    replyInvalid: '补充说明不能包含控制字符。',
    fixErrors: '请修正以下问题：',
    notFound: '查询码或查询密钥不正确。',
    statusTitle: '服务状态',
    statusAllClear: '目前没有进行中的服务事件。',
    statusNoStatements: '我们正在调查，稍后会在此发布说明。',
    incidentStatuses: {
      detected: '调查中',
      confirmed: '已确认',
      mitigating: '修复中',
      resolved: '已解决',
      reviewed: '已解决',
    },
    incidentNote: '相关服务事件',
    errors: {
      platformUserId: '用户ID须为 5–12 位数字，且不以 0 开头',
      contact: '请填写有效的邮箱或中国大陆手机号',
      description: '请填写问题描述（最多 5000 字）',
      title: '标题最多 200 字',
    },
  },
  en: {
    lang: 'en',
    switchTo: '中文',
    deskName: 'Complaint & Compensation Desk',
    formTitle: 'File a complaint',
    formIntro:
      'Tell us what happened. You will get a tracking code and a tracking token: keep both.',
    platformUserId: 'User ID (5–12 digits)',
    contact: 'Contact (e-mail or mobile number)',
    title: 'Title (optional)',
    description: 'What happened',
    category: 'Kind of problem (optional)',
    categoryUnknown: 'Not sure',
    submit: 'Send complaint',
    submitting: 'Sending…',
    honeypot: 'Leave this empty',
    received: 'We received your complaint',
    keepThese: 'Keep these to follow its progress:',
    trackingCode: 'Tracking code',
    trackingToken: 'Tracking token',
    trackLink: 'Track it',
    trackTitle: 'Track a complaint',
    trackIntro: 'Enter the tracking code and token you got when you filed the complaint.',
    show: 'Show',
    status: 'Status',
    statuses: {
      received: 'Received',
      in_progress: 'In progress',
      awaiting_user: 'Waiting for your reply',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    categoryLabel: 'Category',
    notYetTriaged: 'Being sorted',
    filedAt: 'Filed',
    replies: 'Replies',
    noReplies: 'No replies yet',
    fromAgent: 'Support',
    fromUser: 'You',
    compensations: 'Compensation',
    memberDays: 'Member days',
    qCoins: 'Q-coins',
    replyLabel: 'Add information',
    sendReply: 'Send',
    replyInvalid: 'A reply must not contain control characters.',
    fixErrors: 'Please fix the following:',
    notFound: 'The tracking code or token is wrong.',
    statusTitle: 'Service status',
    statusAllClear: 'No service incidents right now.',
    statusNoStatements: 'We are looking into it and will post an update here.',
    incidentStatuses: {
      detected: 'Investigating',
      confirmed: 'Confirmed',
      mitigating: 'Fixing',
      resolved: 'Resolved',
      reviewed: 'Resolved',
    },
    incidentNote: 'Related service incident',
    errors: {
      platformUserId: 'User ID must be 5–12 digits without a leading zero',
      contact: 'Enter a valid e-mail address or mainland mobile number',
      description: 'Describe the problem (at most 5,000 characters)',
      title: 'The title can have at most 200 characters',
    },
  },
} as const;

export type Texts = (typeof TEXT)[Locale];

/** `?lang=` wins; otherwise the first of zh/en in Accept-Language; otherwise Chinese. */
export function pickLocale(query: unknown, acceptLanguage: string | undefined): Locale {
  if (query === 'zh' || query === 'en') return query;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q)
    .find((p) => p.tag.startsWith('zh') || p.tag.startsWith('en'));
  return preferred?.tag.startsWith('en') ? 'en' : 'zh';
}
