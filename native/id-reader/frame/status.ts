/** SW3 status byte of a reply (docs/reader-protocol.md), with text the UI can show in either language. */
export interface Sw3Status {
  sw3: number;
  key: string;
  ok: boolean;
  zh: string;
  en: string;
}

const TABLE: ReadonlyArray<[number, string, string, string]> = [
  [0x90, 'ok', '操作成功', 'Success'],
  [0x9f, 'card_found', '找到卡', 'Card found'],
  [0x10, 'checksum_error', '读卡器收到的命令校验错误', 'Reader received a command with a bad checksum'],
  [0x11, 'length_error', '读卡器收到的命令长度错误', 'Reader received a command with a bad length'],
  [0x21, 'bad_command', '读卡器不支持该命令', 'Reader does not support the command'],
  [0x23, 'not_permitted', '越权操作', 'Operation not permitted'],
  [0x24, 'unrecognised_error', '读卡器无法识别的错误', 'Unrecognised error in the reader'],
  [
    0x31,
    'card_auth_sam_failed',
    '卡认证读卡器失败，请重新放卡',
    'Card failed to authenticate the SAM; place the card again',
  ],
  [
    0x32,
    'sam_auth_card_failed',
    '读卡器认证卡失败，证件可能非法或损坏',
    'SAM failed to authenticate the card; the card may be damaged or not genuine',
  ],
  [0x33, 'data_verify_error', '信息验证错误，请重新放卡', 'Data verification error; place the card again'],
  [0x40, 'unknown_card_type', '无法识别的卡类型', 'Unknown card type'],
  [0x41, 'read_failed', '读卡失败，请将证件放平后重试', 'Card read failed; lay the card flat and try again'],
  [0x47, 'random_failed', '取随机数失败，请重新放卡', 'Random number failed; place the card again'],
  [0x60, 'sam_selftest_failed', '读卡器安全模块自检失败，请联系维修', 'SAM self-test failed; have the reader serviced'],
  [
    0x66,
    'sam_not_authorised',
    '读卡器安全模块未经授权，请联系供应商',
    'SAM not authorised; contact the reader supplier',
  ],
  [0x80, 'no_card', '未找到卡', 'No card found'],
  [0x81, 'select_failed', '选卡失败', 'Select card failed'],
  [0x91, 'no_content', '无此项内容', 'No content'],
  [
    0xff,
    'link_failure',
    '读卡器内部通信故障，请重新插拔读卡器',
    'Link failure inside the reader; unplug and replug it',
  ],
];

const BY_SW3 = new Map<number, Sw3Status>(
  TABLE.map(([sw3, key, zh, en]) => [sw3, { sw3, key, ok: sw3 === 0x90 || sw3 === 0x9f, zh, en }]),
);

export function sw3Status(sw3: number): Sw3Status {
  const known = BY_SW3.get(sw3);
  if (known) return known;
  const hex = sw3.toString(16).toUpperCase().padStart(2, '0');
  return {
    sw3,
    key: 'unknown',
    ok: false,
    zh: `读卡器返回未知状态 ${hex}`,
    en: `Reader returned unknown status 0x${hex}`,
  };
}

export function listSw3Statuses(): Sw3Status[] {
  return [...BY_SW3.values()];
}
