// What a kiosk's heartbeat says about its devices, as staff and cadres read it: in Chinese, with
// what to do. The kiosk reports in English for technicians ("off: no voice model given",
// "missing: no audio output device found", "failed: last play failed: ..."); the page shows the
// Chinese sentence and keeps the English as the detail (a tooltip) for whoever comes to fix it.

/** Each device: its name, and what to do when it is missing or failed. */
const DEVICES = {
  speaker: {
    name: '喇叭',
    missing: '没有找到声卡或喇叭：请检查 USB 声卡和喇叭线是否插好，再重启设备。',
    failed: '上次播放没有成功：请检查功放电源和喇叭线，再在设备上播一条通知试试。',
  },
  relay: {
    name: '大喇叭开关（继电器）',
    missing: '没有找到继电器：请电工检查继电器模块的接线。大喇叭广播暂时不能用。',
    failed: '继电器出错：请电工检查继电器模块和功放电源。大喇叭广播暂时不能用。',
  },
  button: {
    name: '求助按钮',
    missing: '没有找到实体求助按钮：请检查按钮接线。屏幕上的求助按钮照常能用。',
    failed: '实体求助按钮出错：请检查按钮接线。屏幕上的求助按钮照常能用。',
  },
  lamps: {
    name: '指示灯',
    missing: '没有接指示灯：不影响求助，有灯更便于老人看清状态。',
    failed: '指示灯出错：请检查指示灯接线。不影响求助。',
  },
  microphone: {
    name: '话筒',
    missing: '没有找到话筒：语音求助、语音留言和现场广播不能用。请检查 USB 话筒是否插好，再重启设备。',
    failed: '话筒出错：请重新插拔 USB 话筒，再重启设备。',
  },
};

/** The voice's own states (the heartbeat's `voice`). */
const VOICE = [
  [/^off: no voice model/, '语音识别没有开启：设备上没有装语音模型。按安装说明装上语音模型即可；不装也能用按钮求助。'],
  [/^off: no microphone/, '语音识别没有开启：没有找到话筒。请检查 USB 话筒是否插好，再重启设备。'],
  [/^off: the voice model failed to load/, '语音模型装坏了：请按安装说明重新安装语音模型，再重启设备。'],
  [/^off/, '语音识别没有开启：请技术人员查看设备日志。'],
];

/**
 * A device's state from the heartbeat as { text, detail, warn }: 正常, or the Chinese sentence of
 * what is wrong and what to do (detail: the kiosk's own words), or — when the kiosk did not say.
 */
export function deviceState(kind, value) {
  if (value === undefined || value === null || value === '' || value === 'unknown') {
    return { text: '—', detail: null, warn: false };
  }
  if (value === 'ok' || value.startsWith('ok:') || value.startsWith('ok;')) {
    const memos = /(\d+) voice memos? waiting to upload/.exec(value);
    return { text: memos ? `正常；${memos[1]} 条语音留言等待上传` : '正常', detail: value, warn: Boolean(memos) };
  }
  if (kind === 'voice') {
    const known = VOICE.find(([pattern]) => pattern.test(value));
    return { text: known ? known[1] : `语音识别有问题：请技术人员查看。`, detail: value, warn: true };
  }
  const device = DEVICES[kind];
  const name = device ? device.name : kind;
  if (device && value.startsWith('missing')) {
    return { text: `${name}：${device.missing}`, detail: value, warn: true };
  }
  if (device && value.startsWith('failed')) {
    return { text: `${name}：${device.failed}`, detail: value, warn: true };
  }
  return { text: `${name}有问题：请技术人员查看。`, detail: value, warn: true };
}

/** The devices a heartbeat's self-test covers, in the order the page lists them. */
export const SELF_TEST_DEVICES = Object.keys(DEVICES);
