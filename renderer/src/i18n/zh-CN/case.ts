export const work = {
  idleTitle: '请将身份证放在读卡器上',
  idleHint: '读卡后自动显示居民信息并开始核验，无需点击“读卡”。',
  noCasesTitle: '此账号不办理业务',
  noCasesHint: '此账号登录期间，放在读卡器上的证件不会被读取受理。请退出登录，由窗口工作人员登录后办理。',
};

export const cardKind = {
  resident: '居民身份证',
  hmt_permit: '港澳台居民居住证',
  foreign_2017: '外国人永久居留身份证（2017）',
  foreign_2023: '外国人永久居留身份证（2023）',
};

export const cardWarning = {
  EXPIRED: '证件已过有效期，请提醒申请人及时换领',
  NOT_YET_VALID: '证件尚未生效',
  BAD_CHECK_DIGIT: '身份证号码校验位不正确，请核对证件',
  BAD_NUMBER_FORMAT: '证件号码格式不正确，请重新读卡',
  BAD_DATE: '证件上的日期无效，请人工核对证件',
  UNKNOWN_SEX: '证件上的性别代码无法识别，请人工核对证件',
  UNKNOWN_NATION: '证件上的民族代码无法识别，请人工核对证件',
  BIRTH_MISMATCH: '出生日期与身份证号码不符，请人工核对证件',
  SEX_MISMATCH: '性别与身份证号码不符，请人工核对证件',
  EMPTY_NAME: '证件上没有姓名，请重新读卡或核对证件',
};

// `case` is a reserved word, so this group is exported as caseScreen and listed as case.
export const caseScreen = {
  sex: '性别',
  nation: '民族',
  birth: '出生',
  validity: '有效期限',
  address: '住址',
  authority: '签发机关',
  longTerm: '长期',
  manual: '手工录入',
  licenses: '电子证照',
  fetching: '正在从共享平台获取电子证照…',
  noLicenses: '未查到电子证照',
  offline: '共享平台离线（自 {{time}}），以下为本地缓存数据',
  validTo: '有效期至',
  changeItem: '重选事项',
  next: '办结 / 下一位',
  preview: '预览',
  print: '打印 (F9)',
  reasonPlaceholder: '请填写原因（将记入办件记录与审计日志）',
};

export const licenseState = {
  verified: '已验签',
  unverified: '验签未通过',
  cache: '缓存 截至 {{time}}',
  missing: '未查到',
  pending: '获取中',
};

export const licenseReason = {
  SIG_BAD_SIGNATURE: '电子签名验证失败：证照内容可能被篡改，不能作为办理依据。',
  SIG_UNKNOWN_ISSUER: '签发机构不在信任列表中，无法验证，不能作为办理依据。',
  SIG_ISSUER_EXPIRED: '签发机构证书已过期，无法验证，不能作为办理依据。',
  SIG_MALFORMED: '证照格式不正确，无法验证。',
  NOT_IN_CACHE: '共享平台无法连接，本机也没有该证照的缓存。请恢复网络、等待平台恢复，或请申请人提供纸质材料。',
  CACHE_TOO_OLD: '本机缓存已超过允许的最长时间，不能使用。请恢复网络后重试，或请申请人提供纸质材料。',
  REGISTRY_TIMEOUT: '共享平台响应超时。',
  REGISTRY_UNAVAILABLE: '共享平台暂不可用。',
  REGISTRY_FAILED: '向共享平台查询失败。',
  CACHE_INTEGRITY: '本机缓存记录校验失败，已忽略该记录。',
};

export const items = {
  title: '选择办理事项',
  placeholder: '输入事项名称或拼音首字母，如 qjny；↑↓ 选择，回车确认',
  none: '没有匹配的事项',
  exempts: '免提交材料：',
  cardSize: '卡片',
  hint_initials: '首字母匹配',
  hint_eligible: '符合条件',
  hint_frequent: '本窗口常办',
  hint_recent: '最近办理',
};

export const checks = {
  source: '依据：{{type}} {{number}}（{{issuer}}）',
  asOf: '数据截至 {{time}}',
  blocked: '有核验项未通过或无法核验，不能出具证明',
  blockedHint: '请向申请人说明原因；确需出具的，请审核人处理。',
  cachedData: '共享平台离线，使用本地缓存数据，证明将注明“数据截至 {{time}}”',
};

export const override = {
  title: '主管审核放行',
  approve: '准予出具',
  supervisor: '主管账号',
  password: '主管密码',
  reason: '放行原因（将印在证明上并记入审计日志）',
  hint: '请主管到窗口输入本人账号和密码；窗口人员保持登录。',
  done: '已由 {{name}} 审核放行：{{reason}}',
};

export const manual = {
  validTo: '证件有效期至',
  validToFormat: '填写 YYYY-MM-DD，长期证件填“长期”',
  title: '手工录入',
  idNumber: '公民身份号码',
  idFormat: '应为 18 位：17 位数字加校验位（数字或 X）',
  name: '姓名',
  reason: '手工录入原因',
};
