/**
 * A short two-note chime made with Web Audio: no sound file to download. Browsers only let
 * audio start after the visitor interacted with the page; until then the chime stays silent.
 */
export function createChime(win: Window & { AudioContext?: typeof AudioContext }): () => void {
  let context: AudioContext | undefined;
  return () => {
    if (!win.AudioContext) return;
    const audio = (context ??= new win.AudioContext());
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
    const start = audio.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const at = start + i * 0.12;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.32);
    });
  };
}
