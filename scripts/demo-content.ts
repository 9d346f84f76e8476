/**
 * What the demo desk says: staff names, replies, statements and the texts of the outage and the
 * ads storm. Complaint texts themselves are sampled from data/triage/corpus.jsonl by scripts/demo.ts.
 */

export type Locale = 'zh' | 'en';
type Bilingual = Record<Locale, readonly string[]>;

export const DEMO_PASSWORD = 'desk-demo-password';
export const DEMO_DOMAIN = 'demo.desk';
export const ZONE = 'Asia/Shanghai';

/** Three 8-hour shifts a day, Shanghai time. */
export const SHIFTS = [
  { key: 'night', start: '00:00', end: '08:00' },
  { key: 'day', start: '08:00', end: '16:00' },
  { key: 'evening', start: '16:00', end: '24:00' },
] as const;

/**
 * Each team has four agents working five days a week with staggered days off, and skills such that
 * every queue has someone on duty on every day (checked by GET /admin/coverage).
 */
export const TEAM_PATTERN = [
  { daysOff: [6, 7], skills: ['general', 'billing', 'security'], capacity: 30 },
  { daysOff: [1, 2], skills: ['general', 'security', 'outage'], capacity: 25 },
  { daysOff: [3, 4], skills: ['general', 'billing', 'outage'], capacity: 25 },
  { daysOff: [5, 7], skills: ['general', 'billing', 'security'], capacity: 25 },
] as const;

export const AGENT_NAMES = [
  '王芳 Wang Fang',
  '李娜 Li Na',
  '张伟 Zhang Wei',
  '刘洋 Liu Yang',
  '陈静 Chen Jing',
  '杨磊 Yang Lei',
  '赵敏 Zhao Min',
  '黄强 Huang Qiang',
  '周婷 Zhou Ting',
  '吴昊 Wu Hao',
  '徐丽 Xu Li',
  '孙鹏 Sun Peng',
];
export const SUPERVISOR_NAMES = ['马超 Ma Chao', '林晓 Lin Xiao', '郭静怡 Guo Jingyi'];
export const FINANCE_NAMES = ['何敏 He Min', '高远 Gao Yuan'];

export const QUEUES = [
  { key: 'billing', name: 'Billing & payments 收费', categories: ['billing'] },
  {
    key: 'security',
    name: 'Account security & privacy 账号安全与隐私',
    categories: ['account_security', 'privacy_leak'],
  },
  { key: 'outage', name: 'Outages 服务中断', categories: ['network_outage'] },
];

export const CANNED = [
  {
    key: 'outage_ack',
    locale: 'zh' as const,
    title: '服务中断：已知晓',
    body: '您好，我们已确认当前存在大范围的连接问题，工程师正在紧急处理，恢复后会第一时间通知您（编号 {{trackingCode}}）。',
  },
  {
    key: 'outage_ack',
    locale: 'en' as const,
    title: 'Outage: we know',
    body: 'Hello, we have confirmed a widespread connection problem and engineers are on it. We will tell you as soon as service is back ({{trackingCode}}).',
  },
  {
    key: 'outage_resolved',
    locale: 'zh' as const,
    title: '服务中断：已恢复',
    body: '您好，服务已于 {{time}} 全面恢复。给您带来的不便我们深表歉意，受影响的用户将自动获得 {{compensation}}，无需申请。',
  },
  {
    key: 'outage_resolved',
    locale: 'en' as const,
    title: 'Outage: resolved',
    body: 'Hello, service was fully restored at {{time}}. We are sorry for the trouble; everyone affected receives {{compensation}}, no need to apply.',
  },
];

/** Optional titles users give their complaints, per category. */
export const TITLES: Record<string, Bilingual> = {
  functional_defect: {
    zh: ['消息延迟', '闪退', '通话质量差', '文件发不出去'],
    en: ['Messages late', 'App crashes', 'Call keeps dropping'],
  },
  network_outage: {
    zh: ['登录不上', '连不上服务器', '全部掉线'],
    en: ['Cannot log in', 'Service down'],
  },
  account_security: {
    zh: ['账号被盗', '密码被改了', '异地登录'],
    en: ['Account hacked', 'Password changed by someone'],
  },
  privacy_leak: { zh: ['手机号泄露', '隐私被泄露'], en: ['My data was leaked', 'Privacy problem'] },
  service_attitude: {
    zh: ['客服态度差', '投诉客服'],
    en: ['Rude support agent', 'Support complaint'],
  },
  marketing_abuse: { zh: ['广告太多', '推送骚扰'], en: ['Too many ads', 'Spam notifications'] },
  billing: {
    zh: ['重复扣费', '自动续费', '退款'],
    en: ['Charged twice', 'Auto-renewal', 'Refund refused'],
  },
  ux_design: {
    zh: ['界面太乱', '找不到设置'],
    en: ['Confusing layout', 'Cannot find the setting'],
  },
  other: { zh: ['建议', '咨询'], en: ['Suggestion', 'Question'] },
};

/** What agents ask for when they need more from the user (the canned `ask_details` fills it in). */
export const ASK_DETAILS: Record<string, Bilingual> = {
  functional_defect: {
    zh: [
      '您使用的客户端版本、手机型号，以及问题出现的大致时间',
      '问题出现时的截图或录屏，以及是否在 Wi-Fi 下',
    ],
    en: [
      'your app version, phone model and roughly when it happened',
      'a screenshot or screen recording, and whether you were on Wi-Fi',
    ],
  },
  network_outage: {
    zh: ['您所在的城市和网络运营商，以及报错提示的截图'],
    en: ['your city, your network provider and a screenshot of the error'],
  },
  account_security: {
    zh: [
      '最后一次正常登录的时间和设备，以及绑定的手机号后四位',
      '是否收到过异地登录提醒，以及可疑登录的大致时间',
    ],
    en: [
      'when and on which device you last logged in normally, and the last four digits of your phone number',
    ],
  },
  privacy_leak: {
    zh: ['信息被泄露的页面或截图，以及您发现的时间'],
    en: ['where you saw your data (a screenshot helps) and when you noticed'],
  },
  service_attitude: {
    zh: ['与客服沟通的大致时间和渠道（电话/在线）'],
    en: ['roughly when you spoke to support and through which channel (phone or chat)'],
  },
  marketing_abuse: {
    zh: ['广告出现的位置截图，以及客户端版本'],
    en: ['a screenshot of where the ads appear, and your app version'],
  },
  billing: {
    zh: ['扣款时间、金额和订单号（可在 我的-钱包-账单 中查看）', '银行或支付宝的扣款记录截图'],
    en: [
      'the date, amount and order number of the charge (Me › Wallet › Bills)',
      'a screenshot of the charge in your bank or Alipay records',
    ],
  },
  ux_design: { zh: ['您使用的设备和系统版本'], en: ['your device and OS version'] },
  other: { zh: ['更具体的情况说明'], en: ['a few more details'] },
};

/** The user's answers to those questions. */
export const USER_ANSWERS: Record<string, Bilingual> = {
  functional_defect: {
    zh: [
      '版本是 8.9.1，华为 Mate 60，一般是晚上八九点最明显',
      'iPhone 14，版本 8.9.2，Wi-Fi 和 5G 都一样',
      '小米 13，最新版，截图我发到邮箱了',
    ],
    en: [
      'Version 8.9.1 on a Pixel 7, mostly in the evening',
      'iPhone 15, iOS 17.5, app 8.9.2, both on Wi-Fi and 5G',
    ],
  },
  network_outage: {
    zh: ['上海，电信宽带，提示“网络连接失败 -1001”'],
    en: ['Shanghai, China Telecom, error "connection failed -1001"'],
  },
  account_security: {
    zh: ['上周五晚上在自己手机上登录过，手机尾号 3821', '收到过一条广东的登录提醒，不是我本人'],
    en: ['Last normal login was Friday night on my own phone, number ends in 3821'],
  },
  privacy_leak: {
    zh: ['是在一个群里看到的截图，时间是昨天下午'],
    en: ['I saw it in a group chat screenshot yesterday afternoon'],
  },
  service_attitude: {
    zh: ['前天下午三点左右，在线客服'],
    en: ['The day before yesterday around 3 pm, in the chat'],
  },
  marketing_abuse: {
    zh: ['聊天列表顶部和开屏都有，版本 8.9.2'],
    en: ['At the top of the chat list and on start-up, version 8.9.2'],
  },
  billing: {
    zh: ['3 号扣了两次 25 元，订单号 2024060312345678', '截图已上传，是支付宝的扣款记录'],
    en: [
      'Charged 25 yuan twice on the 3rd, order 2024060312345678',
      'Screenshot attached from my bank app',
    ],
  },
  ux_design: { zh: ['vivo X100，安卓 14'], en: ['Galaxy S23, Android 14'] },
  other: {
    zh: ['就是想问下这个功能什么时候上线'],
    en: ['I just want to know when the feature comes'],
  },
};

/** How agents close a complaint, per category. */
export const RESOLUTIONS: Record<string, Bilingual> = {
  functional_defect: {
    zh: [
      '您好，问题原因是 8.9.1 版本的消息同步缺陷，已在 8.9.2 修复，请升级后重试。如仍有问题，14 天内在本页面回复即可重新打开。',
      '您好，已定位到是通知服务的兼容性问题，修复已发布，重启客户端即可生效。感谢您的耐心。',
    ],
    en: [
      'Hello, this was a message-sync bug in version 8.9.1, fixed in 8.9.2; please update and try again. If anything is still wrong, reply here within 14 days.',
      'Hello, we traced it to a compatibility problem in the notification service; the fix is live, a restart of the app picks it up. Thank you for your patience.',
    ],
  },
  network_outage: {
    zh: ['您好，经排查是您所在地区的接入节点故障，已恢复。给您带来不便非常抱歉。'],
    en: [
      'Hello, an access node in your region failed; it has been restored. We are sorry for the trouble.',
    ],
  },
  account_security: {
    zh: [
      '您好，我们已冻结可疑登录、协助您重置了密码并开启登录保护，被盗期间发出的消息已标记为风险。建议开启设备锁。',
      '您好，账号已找回，异地设备已全部下线。请尽快修改与其他平台相同的密码。',
    ],
    en: [
      'Hello, we blocked the suspicious logins, helped you reset your password and turned on login protection; messages sent while the account was taken are flagged. We recommend the device lock.',
    ],
  },
  privacy_leak: {
    zh: ['您好，相关信息已下线处理，我们已对泄露来源进行排查并收紧了权限。'],
    en: [
      'Hello, the information has been taken down; we investigated the source and tightened access.',
    ],
  },
  service_attitude: {
    zh: ['您好，已核实当时客服的处理方式确有不当，已对相关同事进行辅导，再次向您致歉。'],
    en: [
      'Hello, we reviewed the conversation: the agent did not treat you as they should. They have been coached, and we apologise again.',
    ],
  },
  marketing_abuse: {
    zh: ['您好，已为您关闭个性化推荐和营销推送，可在 设置-通知 中随时调整。'],
    en: [
      'Hello, personalised recommendations and marketing pushes are now off for you; you can change this under Settings › Notifications.',
    ],
  },
  billing: {
    zh: [
      '您好，已核实为重复扣款，款项已原路退回，预计 1-3 个工作日到账。',
      '您好，已为您关闭自动续费，本期费用已退回。',
    ],
    en: [
      'Hello, we confirmed the double charge; the money is on its way back and should arrive in 1-3 working days.',
      'Hello, auto-renewal is off and this period has been refunded.',
    ],
  },
  ux_design: {
    zh: ['您好，您的建议已转交产品团队，下个版本会优化该入口，感谢反馈。'],
    en: [
      'Hello, your suggestion went to the product team; the next version improves this screen. Thank you!',
    ],
  },
  other: {
    zh: ['您好，感谢您的反馈，相关说明已整理在帮助中心，欢迎继续提出建议。'],
    en: [
      'Hello, thank you for writing; the answer is now in the help centre, and we welcome more suggestions.',
    ],
  },
};

export const INTERNAL_NOTES: Bilingual = {
  zh: [
    '已提交给技术组排查（IM-4821）',
    '已联系支付团队核实订单',
    '用户情绪激动，注意安抚',
    '与上周同类问题相同，参考知识库 KB-112',
  ],
  en: [
    'Escalated to the engineering on-call (IM-4821)',
    'Asked the payments team to check the order',
    'Same as last week’s issue, see KB-112',
  ],
};

export const REOPEN_TEXTS: Bilingual = {
  zh: ['问题还是没有解决，请再看一下', '今天又遇到同样的情况了'],
  en: ['This is still not sorted, please have another look', 'Same thing again today'],
};

/** What people put around their complaint. */
export const OPENERS: Bilingual = {
  zh: ['你好，', '客服你好，', '我想反映一个问题：', '您好！', '又是我，'],
  en: ['Hi, ', 'Hello, ', 'Hi team, ', 'Not happy. '],
};
export const CLOSERS: Bilingual = {
  zh: ['，麻烦尽快处理', '，谢谢', '。希望尽快给个说法', '！！', '，急'],
  en: [' Please help.', ' Thanks.', ' Please fix this asap.', '!!'],
};

export const RESUBMIT_SUFFIX: Record<Locale, string> = {
  zh: '\n还是没人处理吗？请尽快回复',
  en: '\nStill waiting for an answer, please hurry',
};

export const RATING_COMMENTS: Record<'good' | 'bad', Bilingual> = {
  good: {
    zh: ['处理很快，谢谢', '客服很耐心', '问题解决了，点赞'],
    en: ['Quick and helpful, thanks', 'Solved, thank you'],
  },
  bad: {
    zh: ['等了太久', '问题根本没解决', '回复都是模板'],
    en: ['Took far too long', 'Canned answers only'],
  },
};

export const CORRECTION_REASONS: Bilingual = {
  zh: ['内容是账单问题，分类修正', '用户描述的是功能问题而非中断', '核实后修正分类'],
  en: ['Misclassified: this is about a charge', 'Checked with the user, corrected'],
};

/** Manual proposals agents make, per category: amounts and reason. */
export const MANUAL_GRANTS: Record<
  string,
  { memberDays: number; qCoins: number; reason: string }[]
> = {
  account_security: [
    {
      memberDays: 0,
      qCoins: 500,
      reason: '被盗期间 Q币被盗刷 500，核实后返还 / 500 Q-coins spent by the intruder, restored',
    },
    { memberDays: 3, qCoins: 0, reason: '账号被盗影响使用，补偿会员 / account takeover, goodwill' },
  ],
  billing: [
    { memberDays: 0, qCoins: 80, reason: '重复扣费造成不便 / inconvenience of a double charge' },
    {
      memberDays: 15,
      qCoins: 0,
      reason: '自动续费争议，补足会员天数 / disputed auto-renewal, days restored',
    },
  ],
  functional_defect: [
    { memberDays: 5, qCoins: 0, reason: '会员功能长时间不可用 / member feature unusable for days' },
  ],
  service_attitude: [
    {
      memberDays: 2,
      qCoins: 0,
      reason: '客服服务不当致歉 / apology for how support treated the user',
    },
  ],
  privacy_leak: [
    { memberDays: 10, qCoins: 300, reason: '信息泄露致歉补偿 / apology for exposed data' },
  ],
};

// The outage a few days ago: login and messaging down for everyone on one access cluster.

export const OUTAGE_TEXTS: Bilingual = {
  zh: [
    '突然登录不上了，一直提示连接服务器失败',
    '所有消息都发不出去，一直转圈，服务器是不是挂了',
    '刚才突然掉线，重新登录提示网络异常，换了 4G 也不行',
    '登录失败，显示服务器繁忙请稍后重试，全家人都登不上',
    '群里的人都掉线了，连不上服务器，怎么回事',
    '消息发送失败，红色感叹号，其他 app 都正常，服务器崩了吧',
    '晚上八点多开始一直连不上，登录页面转圈',
    '电脑版和手机版都登不上去，提示无法连接服务器',
  ],
  en: [
    'Cannot log in at all, it keeps saying cannot connect to server',
    'Nothing sends, everyone in my group is offline, is the server down?',
    'Got disconnected and now login fails with a network error, other apps work fine',
    'Service seems down, stuck on connecting for 10 minutes',
  ],
};

export const OUTAGE = {
  title: '登录与消息服务中断 / Login and messaging outage',
  internal: {
    zh: {
      title: '内部通知：登录与消息服务中断',
      body: '华东接入集群故障，登录和消息发送大面积失败，工程团队已介入。处理口径：统一使用 outage_ack 回复，不要承诺恢复时间；补偿方案确定后统一发放，请勿单独申请补偿。',
    },
    en: {
      title: 'Internal: login and messaging outage',
      body: 'The East China access cluster is failing; logins and message sending fail widely and engineering is on it. Reply with outage_ack, promise no recovery time; compensation comes as one plan for everyone, so please do not propose grants one by one.',
    },
  },
  update: {
    zh: {
      title: '登录与消息服务中断：正在处理',
      body: '部分用户目前无法登录或发送消息，我们已定位到故障的服务器集群，正在紧急恢复。给您带来不便，非常抱歉。',
    },
    en: {
      title: 'Login and messaging outage: we are on it',
      body: 'Some users cannot log in or send messages. We have found the failing server cluster and are restoring it. We are sorry for the trouble.',
    },
  },
  recovering: {
    zh: {
      title: '登录与消息服务中断：逐步恢复',
      body: '故障集群已切换到备用线路，登录和消息发送正在逐步恢复，积压消息将陆续送达。',
    },
    en: {
      title: 'Login and messaging outage: recovering',
      body: 'The failing cluster has been switched to standby; logins and messages are coming back and queued messages are being delivered.',
    },
  },
  apology: {
    zh: {
      title: '关于登录与消息服务中断的致歉',
      body: '今晚 20:05 起约两小时内，华东地区部分用户无法登录或发送消息。原因是一次接入层配置变更导致长连接网关过载。服务已全面恢复，积压消息已送达。我们深表歉意，所有受影响的用户将自动获得 7 天会员，无需申请。',
    },
    en: {
      title: 'We are sorry: login and messaging outage',
      body: 'From 20:05 for about two hours, users in East China could not log in or send messages. A configuration change in the access layer overloaded the connection gateways. Service is fully restored and queued messages have been delivered. We apologise; everyone affected receives 7 member days automatically, no need to apply.',
    },
  },
  review: {
    cause:
      '接入层配置变更（连接超时从 30s 调整为 300s）在华东集群全量发布，长连接网关连接数在 4 分钟内打满，健康检查失败导致节点被反复摘除，登录与消息发送失败。\nAn access-layer configuration change (connection timeout 30 s → 300 s) was rolled out to the whole East China cluster at once; gateway connection tables filled within four minutes, failing health checks kept removing nodes, and logins and message sends failed.',
    actions:
      '回滚配置并将流量切换到备用集群；网关连接数告警阈值从 90% 下调到 70%；配置变更改为分批灰度（1% → 10% → 100%）；投诉台的 outage 队列增加值班人员预案。\nRolled the change back and moved traffic to the standby cluster; gateway connection alerts now fire at 70% instead of 90%; configuration changes roll out in stages (1% → 10% → 100%); the desk has a call-in plan for the outage queue.',
    lessons:
      '投诉激增比监控告警早了 3 分钟发现问题：投诉台的激增检测应接入值班告警。批量补偿在故障恢复 30 分钟内完成，用户反馈良好。\nThe complaint spike showed the problem three minutes before monitoring did: spike detection should page the on-call engineer. The bulk compensation finished within 30 minutes of recovery and was well received.',
  },
};

// The ads storm going on right now: a release turned on full-screen pop-up ads for everyone.

export const STORM_TEXTS: Bilingual = {
  zh: [
    '更新 8.9.3 之后每次打开都有全屏弹窗广告，关都关不掉',
    '聊天列表里突然插了好多广告，点到就跳转下载，太流氓了',
    '今天弹窗广告一个接一个，五分钟弹了十几次',
    '开屏广告变成 15 秒了，还不能跳过，严重影响使用',
    '聊天的时候突然弹出全屏游戏广告，消息都看不到了',
    '升级后广告多得离谱，推送里也全是广告',
    '弹窗广告关掉又弹出来，已经影响正常聊天了',
    '刚更新的版本到处都是广告，这还怎么用',
    '会员也有弹窗广告？说好的会员免广告呢',
  ],
  en: [
    'Since the 8.9.3 update a full-screen pop-up ad shows every time I open the app',
    'Pop-up ads every few minutes today, I cannot even read my messages',
    'There are ads inside my chat list now, tapping one starts a download',
  ],
};

export const STORM_UPDATE: Record<Locale, string> = {
  zh: '我们已确认 8.9.3 版本的广告配置异常导致弹窗广告频繁出现，正在紧急下线相关广告位，预计一小时内恢复正常',
  en: 'We have confirmed that an ad configuration error in version 8.9.3 shows pop-up ads far too often; the ad slots are being switched off and things should be back to normal within the hour',
};

/** Complaints filed through the real intake at the end of the seed (the worker triages them). */
export const FRESH_COMPLAINTS = [
  {
    platformUserId: '20481632',
    contact: '13912345678',
    description: '语音通话每次到三分钟左右就自动断开，重新拨打也一样，已经持续两天了',
    locale: 'zh' as const,
  },
  {
    platformUserId: '7730019',
    contact: 'maria.l@example.com',
    title: 'Charged for a sticker pack I never bought',
    description:
      'I see a 12 yuan charge for a sticker pack yesterday, I did not buy it and want a refund.',
    locale: 'en' as const,
    category: 'billing' as const,
  },
  {
    platformUserId: '51200877',
    contact: 'chen.yu@example.cn',
    description: '设置页面改版以后找不到黑名单入口了，能不能放回原来的位置',
    locale: 'zh' as const,
  },
];
