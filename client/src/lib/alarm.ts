/**
 * A call that must not go unseen (a roll call): a short two-tone chime and a vibration, where
 * the browser allows them. Browsers play sound only after the person has touched the page once,
 * so the page unlocks its audio on the first touch or key press (`unlockAlarmSound`); before
 * that, and where there is no Web Audio or vibration, the call is silent and the full-screen
 * prompt carries it alone.
 */

let audio: AudioContext | null = null;

function context(): AudioContext | null {
  if (audio) return audio;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    return null;
  }
  return audio;
}

/** Resumes (or creates) the page's audio on the first touch, so a later call can sound. Answers the remover. */
export function unlockAlarmSound(): () => void {
  const unlock = () => {
    void context()?.resume().catch(() => undefined);
    remove();
  };
  const remove = () => {
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
  return remove;
}

function chime(ctx: AudioContext): void {
  const start = ctx.currentTime + 0.02;
  [880, 660, 880].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const at = start + i * 0.28;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.26);
  });
}

/** One ring: chime when the page's audio runs, vibrate where the device can. Never throws. */
export function ring(): void {
  try {
    navigator.vibrate?.([300, 150, 300]);
  } catch {
    // vibration refused (no touch yet, or a desktop): the prompt still shows
  }
  const ctx = context();
  if (!ctx) return;
  if (ctx.state === 'running') chime(ctx);
  // allowed once the page has been touched (sticky activation); refused before, silently
  else void ctx.resume().then(() => ctx.state === 'running' && chime(ctx), () => undefined);
}

/** Stops a vibration under way. */
export function silence(): void {
  try {
    navigator.vibrate?.(0);
  } catch {
    // nothing to stop
  }
}
