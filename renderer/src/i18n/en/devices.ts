import type { Strings } from '../zh-CN';

export const training: Strings['training'] = {
  title: 'Training panel (simulated reader)',
  hint: 'Click a resident to place the card, click again to take it off; the cards match the training registry.',
  faults: 'Faults:',
  fault_no_card: 'Find fails',
  fault_checksum: 'Checksum error',
  fault_read_failed: 'Read failed (41)',
  unplug: 'Unplug reader',
  replug: 'Plug reader back',
  econ: 'Economic sources (click to take down / bring back):',
};

export const readerDevices: Strings['readerDevices'] = {
  button: 'Reader devices',
  title: 'Reader devices',
  hint: 'Devices seen by the last reader search. USB devices not in the reader table are never opened.',
  none: 'No reader-like device found.',
  colDevice: 'Device',
  colId: 'VID:PID',
  colTransport: 'Transport',
  colEvidence: 'Evidence',
  colState: 'State',
  colWhy: 'Reason and fix',
  state_found: 'Found',
  state_ready: 'In use',
  state_failed: 'Cannot open',
  state_unsupported: 'Not supported',
  'confirmed_public-code': 'public code',
  confirmed_capture: 'USB capture',
  confirmed_guessed: 'guessed',
  probed: ' (found by probe)',
  transport_none: '—',
  ruleBelow: 'the rule below',
  ruleInView: 'the rule shown in Reader devices',
};
