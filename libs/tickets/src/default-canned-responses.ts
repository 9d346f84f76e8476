/** Reply templates a fresh install starts with (seeded by migration), among them the apologies. */
export const DEFAULT_CANNED_RESPONSES: readonly {
  key: string;
  locale: 'zh' | 'en';
  title: string;
  body: string;
}[] = [
  {
    key: 'apology_general',
    locale: 'zh',
    title: '致歉',
    body: '您好，非常抱歉给您带来不便。我们已收到您的反馈（编号 {{trackingCode}}），正在全力处理，有进展会第一时间告知您。',
  },
  {
    key: 'apology_general',
    locale: 'en',
    title: 'Apology',
    body: 'Hello, we are very sorry for the trouble. We have your report ({{trackingCode}}) and are working on it; we will tell you as soon as there is news.',
  },
  {
    key: 'apology_delay',
    locale: 'zh',
    title: '处理延迟致歉',
    body: '您好，抱歉让您久等了。关于您反馈的{{category}}问题，我们预计在 {{hours}} 小时内给您答复。',
  },
  {
    key: 'apology_delay',
    locale: 'en',
    title: 'Apology for the wait',
    body: 'Hello, sorry to keep you waiting. About your {{category}} report, we expect to answer within {{hours}} hours.',
  },
  {
    key: 'ask_details',
    locale: 'zh',
    title: '请补充信息',
    body: '您好，为了尽快解决问题，请补充以下信息：{{details}}。您可以直接在本页面回复。',
  },
  {
    key: 'ask_details',
    locale: 'en',
    title: 'Please add details',
    body: 'Hello, to solve this quickly, please tell us: {{details}}. You can reply right on this page.',
  },
  {
    key: 'resolved',
    locale: 'zh',
    title: '问题已解决',
    body: '您好，您反馈的问题（编号 {{trackingCode}}）已经处理完毕。如仍有问题，14 天内在本页面回复即可重新打开。',
  },
  {
    key: 'resolved',
    locale: 'en',
    title: 'Resolved',
    body: 'Hello, your report ({{trackingCode}}) has been resolved. If anything is still wrong, reply on this page within 14 days and we will reopen it.',
  },
];
