/**
 * Telling an agent about a new chat when they look elsewhere: a desktop notification
 * (asked for when they go online, a user gesture) and a short chime made with Web Audio,
 * so there is no sound file to ship.
 */
export function askNotificationPermission(): void {
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
}

let audio: AudioContext | undefined;

export function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.3);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + i * 0.15);
      oscillator.stop(now + i * 0.15 + 0.32);
    }
  } catch {
    // Browsers refuse audio before the first user gesture; the notification still shows.
  }
}

export function notify(title: string, body: string, onClick: () => void): void {
  chime();
  if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
  const notification = new Notification(title, { body, tag: title });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
