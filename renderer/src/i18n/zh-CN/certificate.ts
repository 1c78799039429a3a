export const interrupted = {
  title: '有 {{count}} 份证明已编号但未确认打印完成（如程序中断），请逐一补打或作废',
  open: '处理',
};

export const job = {
  otherPrinter: '改用其他打印机',
  sendThere: '发送',
  serial: '证明编号',
  queued: '排队中',
  processing: '打印中',
  completed: '已打印',
  error: '打印受阻',
  cancelled: '已取消',
  voided: '已作废',
  retry: '重试打印',
  reprint: '补打',
  void: '作废',
  voidTitle: '作废证明',
  reprintTitle: '补打证明',
};

export const preview = { title: '证明预览', print: '打印 (F9)' };

export const verify = {
  title: '核验证明',
  check: '核验',
  placeholder: '粘贴或扫描证明上的二维码内容（CT1. 开头）',
  valid: '真实有效：签名与内容一致',
  tampered: '内容被篡改：签名不符',
  'unknown-key': '签发大厅密钥未知，无法确认',
  malformed: '不是有效的证明二维码',
  field_serial: '证明编号',
  field_itemCode: '事项编码',
  field_holderName: '持证人',
  field_holderId: '证件号码',
  field_issuedAt: '出具时间',
  field_training: '培训样本',
  field_keyId: '签发密钥',
  training_yes: '是',
  training_no: '否',
};
