const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Java's "MMM d, yyyy h:mm:ss a" in GMT, as the Integration API sends it: "Oct 3, 2014 2:14:31 PM". */
export function integrationDate(date: Date): string {
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Java's Date.toString() in UTC, as the legacy XML's transcript dates: "Mon Oct 18 01:48:27 UTC 2010". */
export function legacyXmlDate(date: Date): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

/** The three ways a case states one instant: the formatted date, whole seconds, and the milliseconds of that second. */
export function splitDate(date: Date): { date: string; seconds: number; milliseconds: number } {
  return { date: integrationDate(date), seconds: Math.floor(date.getTime() / 1000), milliseconds: date.getTime() % 1000 };
}
