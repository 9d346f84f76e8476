import type { TriageRule } from './rules.js';

type Seed = Omit<TriageRule, 'id' | 'version'>;

/**
 * The rules a fresh install starts with (seeded by a migration; supervisors edit them afterwards).
 * Weights are log-odds added to the classifier's score: 0.75 is a nudge, 1.5 is strong evidence.
 * Half of what they were first given: cross-validation on the corpus (`npm run cv:triage`) found the
 * classifier the better judge, and the confidences fit best with the rules at this strength.
 */
export const DEFAULT_RULES: readonly Seed[] = [
  {
    name: 'Account taken over',
    category: 'account_security',
    priority: 'P1',
    isRegex: false,
    weight: 1.5,
    pattern:
      '被盗|盗号|被黑|异地登录|陌生设备|密码被改|密码被修改|被人登录|冒充我|hacked|hijacked|stolen account|account was stolen|someone logged in|someone changed my password|unauthorized login|suspicious login',
  },
  {
    name: 'Fraud or money lost',
    category: null,
    priority: 'P1',
    isRegex: false,
    weight: 0,
    pattern:
      '诈骗|骗钱|被骗|盗刷|转走|损失|fraud|scam|scammed|stole money|money stolen|unauthori[sz]ed (payment|charge|purchase)',
  },
  {
    name: 'Personal data exposed',
    category: 'privacy_leak',
    priority: 'P1',
    isRegex: false,
    weight: 1.5,
    pattern:
      '泄露|泄漏|隐私|个人信息|手机号被|聊天记录被|被公开|未经同意|人肉|leak|leaked|privacy|personal data|personal information|without my consent|exposed my|doxx',
  },
  {
    name: 'Service down',
    category: 'network_outage',
    priority: 'P2',
    isRegex: false,
    weight: 1.25,
    pattern:
      "服务器|宕机|崩了|瘫痪|连不上|无法连接|网络异常|大面积|全部掉线|登不上去|outage|servers? (are |is )?down|service is down|cannot connect|can't connect|connection failed|everyone is offline|down for everyone",
  },
  {
    name: 'Charges and refunds',
    category: 'billing',
    priority: 'P2',
    isRegex: false,
    weight: 1.25,
    pattern:
      '扣费|扣款|扣钱|自动续费|续费|重复扣|退款|退钱|乱收费|多扣|q币|充值|账单|charged|charge|double charged|auto-renew|auto renew|renewal|refund|billing|subscription fee|q-coins?|deducted',
  },
  {
    name: 'Rude or unhelpful support',
    category: 'service_attitude',
    priority: null,
    isRegex: false,
    weight: 1.25,
    pattern:
      '客服|态度|敷衍|踢皮球|不理人|爱答不理|机器人回复|support agent|customer service|customer support|rude|unhelpful|ignored me|copy-paste|bounced',
  },
  {
    name: 'Ads and spam',
    category: 'marketing_abuse',
    priority: 'P4',
    isRegex: false,
    weight: 1.25,
    pattern:
      '广告|弹窗|推送|营销|骚扰|诱导|开屏|推广|ads|advert|advertisement|pop-?ups?|push notifications? spam|spam|promotion|misleading offer',
  },
  {
    name: 'Feature broken',
    category: 'functional_defect',
    priority: null,
    isRegex: false,
    weight: 1,
    pattern:
      '闪退|卡顿|卡死|延迟|收不到|发不出|发送失败|掉帧|黑屏|没声音|通知不|崩溃|crash|crashes|freez|lag|delayed|not delivered|fails to send|no sound|call quality|notification',
  },
  {
    name: 'Hard to use',
    category: 'ux_design',
    priority: 'P4',
    isRegex: false,
    weight: 1,
    pattern:
      '界面|难用|找不到|太复杂|排版|字体太小|新版|改版|不直观|设计|interface|confusing|cluttered|hard to find|hard to use|redesign|layout|font size|unintuitive|too many menus',
  },
  {
    name: 'Suggestions and praise',
    category: 'other',
    priority: 'P4',
    isRegex: false,
    weight: 0.75,
    pattern:
      '建议|希望增加|好评|点赞|谢谢你们|请问|suggest|suggestion|feature request|would be nice|love the app|thank you|just wondering',
  },
];
