/** Russian plural: 1 рабочий день, 2 рабочих дня, 5 рабочих дней. */
export function plural(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs > 10 && abs < 20) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** A task's deadline in words: «осталось 3 рабочих дня», «срок сегодня», «просрочено на 1 рабочий день». */
export function workingDaysLeft(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days === 0) return 'срок сегодня';
  const n = Math.abs(days);
  const words = `${n} ${plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}`;
  return days > 0 ? `осталось ${words}` : `просрочено на ${words}`;
}
