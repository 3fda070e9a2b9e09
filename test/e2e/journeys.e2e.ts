import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { previousQuarter, quarterOf } from '../../server/shared/calendar-quarters.js';
import { enpCheckDigit } from '../../server/shared/identifiers.js';
import { expectFitsThePage } from '../helpers/documents.js';
import { isTo, startMailbox, type Mailbox } from '../helpers/mailbox.js';
import {
  ADMIN_PASSWORD,
  answerNextConfirm,
  checkPage,
  expectAccessible,
  launchBrowser,
  ROOT,
  signIn,
  signOut,
  startServer,
  type RunningServer,
  VIEWPORT,
} from './harness.js';

/**
 * The jobs of the three kinds of users, done in a real Chromium against the server `npm start`
 * runs, on its demo data: one journey, each step building on the one before.
 */

let server: RunningServer;
let mailbox: Mailbox;
const MO_MAIL = 'gagloeva@rkb.example';
let browser: Browser;
let context: BrowserContext;
let page: Page;

const NBSP = '\u00a0';
const surname = 'Цаликова';
const first15 = `7${String(Date.now()).slice(-14).padStart(14, '0')}`;
const goodEnp = `${first15}${enpCheckDigit(first15)}`;
const badEnp = `${first15}${(enpCheckDigit(first15) + 1) % 10}`;
let caseNumber = '';
let caseUrl = '';
let expertiseNumber = '';

/** Downloads the act shown in an expertise panel and checks it opens and fits the page (helpers/documents). */
async function downloadAct(panel: Locator) {
  const [act] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /^Скачать (проект )?акт/ }).click()]);
  expect(act.suggestedFilename()).toMatch(/^akt-ЭКМП-\d{4}-\d{4}(-И)?\.docx$/);
  return expectFitsThePage(await readFile(await act.path()), 2);
}

/** Sends a form as it stands and expects its refusals in Russian at its fields, never the API's English. */
async function expectRussianFieldErrors(form: Locator, submit: string) {
  await form.getByRole('button', { name: submit }).click();
  await form.locator('.field__error, [role="alert"]').first().waitFor();
  const text = (await form.textContent()) ?? '';
  expect(text).not.toMatch(/Variable|GraphQL|got invalid value|does not exist in|Expected/);
  expect(await form.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
}

/** A day as a person types it in a date field, ДД.ММ.ГГГГ. */
const typedDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('.');
const thisQuarter = () => quarterOf(new Date());
const lastFinishedQuarter = () => previousQuarter(thisQuarter().year, thisQuarter().quarter);

beforeAll(async () => {
  // Mail goes to an SMTP server in this process: the journeys read what arrives.
  mailbox = await startMailbox();
  server = await startServer({ RAZBOR_SMTP_URL: mailbox.url, RAZBOR_MAIL_POLL_SECONDS: '0.2' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

// A failed step leaves a picture of the page behind, for whoever reads the failure.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/razbor-e2e-failure-${task.id}.png` }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.stop();
});

describe('in the browser', () => {
  it('each demo role signs in, sees who they are, and signs out', async () => {
    const roles = [
      ['expert1', 'Иванова Анна Петровна', 'СМО «Алания-Полис» · Эксперт СМО'],
      ['expert2', 'Петров Олег Сергеевич', 'СМО «Здоровье-Мед» · Эксперт СМО'],
      ['mo1', 'Гаглоева Мадина Руслановна', 'ГБУЗ «РКБ» · Член комиссии МО'],
      ['mo2', 'Дзасохов Алан Таймуразович', 'ГБУЗ «Поликлиника № 1» · Член комиссии МО'],
      ['monitoring', 'Кудзиева Елена Викторовна', 'ТФОМС РСО-Алания · Отдел мониторинга качества ТФОМС'],
    ] as const;
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await checkPage(page, '01-login');
    for (const [login, name, organisation] of roles) {
      await signIn(page, server.url, login);
      const header = page.getByLabel('Пользователь');
      expect(await header.textContent()).toContain(name);
      expect(await header.textContent()).toContain(organisation);
      await signOut(page);
    }
  });

  it('a wrong password is refused with a message in Russian', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Логин').fill('expert1');
    await page.getByLabel('Пароль').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/неверн/i);
  });

  it('the SMO expert registers a case: a bad ЕНП is shown beside its field, a good one registers', async () => {
    await signIn(page, server.url, 'expert1');
    await checkPage(page, '02-my-tasks');
    await page.getByRole('link', { name: 'Случаи' }).click();
    await page.getByRole('link', { name: 'Зарегистрировать случай' }).click();
    await page.getByLabel('ЕНП', { exact: true }).fill(badEnp);
    await page.getByLabel('СНИЛС').fill('112-233-445 95');
    await page.getByLabel('Фамилия').fill(surname);
    await page.getByLabel('Имя', { exact: true }).fill('Зарина');
    await page.getByLabel('Отчество').fill('Казбековна');
    await page.getByLabel('Дата рождения').fill('14.03.1961');
    await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'женский' });
    await page.getByLabel('Направившая МО').selectOption({ label: 'ГБУЗ «РКБ»' });
    await page.getByLabel('Бюро МСЭ', { exact: true }).selectOption({ label: 'ГБ МСЭ по РСО-Алания' });
    await page.getByLabel('Номер направления (088/у)').fill('088-4512');
    await page.getByLabel('Дата направления').fill(typedDaysAgo(20));
    await page.getByLabel('Номер решения об отказе').fill('ОТК-77');
    await page.getByLabel('Дата отказа', { exact: true }).fill(typedDaysAgo(10));
    await page.getByLabel('Основной диагноз (МКБ-10)').fill('i63.5');
    // A missing examination by its НМУ code: the server names it as the nomenclature does.
    await page.getByLabel('Обследование 1').fill('A05.23.009');
    await checkPage(page, '03-register-case');
    await page.getByRole('button', { name: 'Зарегистрировать' }).click();

    const enpError = page.locator('.field--invalid', { has: page.getByLabel('ЕНП', { exact: true }) }).locator('.field__error');
    await enpError.waitFor();
    expect(await enpError.textContent()).toContain('контрольная цифра ЕНП');
    expect(page.url()).toContain('/cases/new');

    await page.getByLabel('ЕНП', { exact: true }).fill(goodEnp);
    await page.getByRole('button', { name: 'Зарегистрировать' }).click();
    const title = page.getByRole('heading', { level: 1, name: /Случай МСЭ-\d{4}-\d{6}/ });
    await title.waitFor();
    caseNumber = /МСЭ-\d{4}-\d{6}/.exec((await title.textContent()) ?? '')![0];
    caseUrl = page.url();
    expect(await page.getByRole('status').first().textContent()).toContain(`Случай ${caseNumber} зарегистрирован`);
    expect(await page.locator('.details').textContent()).toContain('I63.5');
    expect(await page.locator('.details').textContent()).toContain('A05.23.009 Магнитно-резонансная томография головного мозга');
  });

  it('on the fresh case, «Закрыть» is not offered; the card says what stands in its way', async () => {
    await page.goto(caseUrl);
    const moves = page.locator('.transitions');
    await moves.getByText('Закрыть случай пока нельзя:').waitFor();
    expect(await moves.textContent()).toContain('Не записан комиссионный разбор медицинской организации');
    expect(await page.getByRole('button', { name: 'Закрыть', exact: true }).count()).toBe(0);
    expect(await moves.getByRole('button').first().textContent()).toBe('Передать на разбор в МО');
  });

  it('dates are typed and shown as ДД.ММ.ГГГГ in a browser whose language is English; a day that does not exist is said at its field', async () => {
    const english = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const other = await english.newPage();
    other.setDefaultTimeout(10_000);
    await signIn(other, server.url, 'expert1');
    await other.goto(`${server.url}/cases/new`);
    const birth = other.getByLabel('Дата рождения');
    expect(await birth.getAttribute('placeholder')).toBe('ДД.ММ.ГГГГ');
    await birth.fill('31.02.1961');
    const field = other.locator('.field', { has: birth });
    await field.locator('.field__error').waitFor();
    expect(await field.locator('.field__error').textContent()).toBe('Введите дату в виде ДД.ММ.ГГГГ');
    await birth.fill('14.03.1961');
    expect(await field.locator('.field__error').count()).toBe(0);
    expect(await birth.inputValue()).toBe('14.03.1961');
    await english.close();
  });

  it('finds the case by surname, and the filter stays in the link', async () => {
    await page.getByRole('link', { name: 'Случаи' }).click();
    await page.getByLabel('Поиск').fill(surname.slice(0, 5));
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(page.url()).toContain(`q=${encodeURIComponent(surname.slice(0, 5))}`);
    // At 1366×768 the filters leave the screen to the list: the rarer ones are folded away.
    expect((await page.locator('form.filters').boundingBox())!.height).toBeLessThan(150);
    // The filtered list as a register to print: the same cases, every row.
    const [register] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Реестр в XLSX' }).click()]);
    expect(register.suggestedFilename()).toBe('reestr-sluchaev-otkaza.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await register.path())) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(2);
    expect(workbook.worksheets[0].getRow(2).getCell(2).text).toBe(caseNumber);
    await checkPage(page, '04-cases');

    // The same link in a fresh page shows the same filtered list.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await other.getByRole('link', { name: caseNumber }).waitFor();
    expect(await other.getByLabel('Поиск').inputValue()).toBe(surname.slice(0, 5));
    await other.close();
  });

  it("a colleague's edit made meanwhile is shown, not overwritten", async () => {
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Изменить данные случая' }).click();
    await page.getByLabel('Примечание').fill('Моя правка, сделанная позже');

    const colleague = await context.newPage();
    await colleague.goto(caseUrl);
    await colleague.getByRole('button', { name: 'Изменить данные случая' }).click();
    await colleague.getByLabel('Примечание').fill('Правка коллеги');
    await colleague.getByRole('button', { name: 'Сохранить' }).click();
    await colleague.getByText('Правка коллеги').waitFor();
    await colleague.close();

    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(/случай изменил другой пользователь/).waitFor();
    await page.locator('.details', { hasText: 'Правка коллеги' }).waitFor();
    expect(await page.locator('.details').textContent()).not.toContain('Моя правка');
  });

  it('loads a spreadsheet of cases: the cases created link to their cards, rows already loaded are listed', async () => {
    await page.getByRole('link', { name: 'Случаи' }).click();
    await page.getByRole('link', { name: 'Загрузить из таблицы' }).click();
    const example = path.join(ROOT, 'test/fixtures/refusal-cases-example.xlsx');
    await page.getByLabel('Файл').setInputFiles(example);
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByText('Созданы случаи').waitFor();
    const created = await page.getByText('Созданы случаи').getByRole('link').count();
    expect(created).toBeGreaterThan(1);
    expect(await page.getByRole('status').textContent()).toContain(`создано ${created}`);
    // The same file again: nothing new, every row listed with the case it already is.
    await page.getByRole('button', { name: 'Загрузить' }).click();
    const rows = page.getByRole('table', { name: 'Строки с ошибками и уже загруженные' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(created);
    expect(await rows.first().textContent()).toMatch(/Случай уже есть.*МСЭ-/i);

    // The template offers the demo MOs in a list; a row picked from it, saved by Russian Excel as CSV (Windows-1251), imports.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать шаблон XLSX' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await template.path())) as unknown as ArrayBuffer);
    const mos = (workbook.getWorksheet('Организации')!.getColumn(1).values as unknown[]).slice(2).map(String);
    const picked = mos.find((m) => m.startsWith('ГБУЗ «РКБ»'))!;
    const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    const cells: Record<string, string> = {
      ЕНП: `700000000000123${enpCheckDigit('700000000000123')}`,
      Фамилия: 'Хетагурова',
      Имя: 'Залина',
      'Дата рождения': '02.05.1958',
      Пол: 'Ж',
      'ОГРН МО': picked,
      'Номер направления 088/у': '088-9001',
      'Дата направления': typedDaysAgo(400),
      'Дата отказа': typedDaysAgo(390),
      'Номер решения об отказе': 'ОТК-901',
      'Диагноз МКБ-10': 'I63.5',
      'Недостающие обследования': 'A05.10.006*; Справка с места работы',
    };
    const bureau = (workbook.getWorksheet('Организации')!.getColumn(2).values as unknown[])[2];
    const line = header.map((h) => (h.startsWith('ОГРН бюро') ? String(bureau) : (cells[h] ?? ''))).join(';');
    const csv = path.join(tmpdir(), 'razbor-e2e-cp1251.csv');
    await writeFile(csv, iconv.encode(`${header.join(';')}\r\n${line}\r\n`, 'win1251'));
    await page.getByLabel('Файл').setInputFiles(csv);
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByRole('status').filter({ hasText: 'создано 1' }).waitFor();
    expect(await page.getByText('Созданы случаи').textContent()).toContain('МСЭ-');
  });

  it('the MO commission member gives an address for mail in «Мои настройки»; a malformed one is said at the field', async () => {
    await signOut(page);
    await signIn(page, server.url, 'mo1');
    await page.getByRole('link', { name: 'Гаглоева Мадина Руслановна' }).click();
    const form = page.getByRole('form', { name: 'Почта для уведомлений' });
    await form.getByLabel('Почта для уведомлений').fill('gagloeva@');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Адрес почты указан неверно: например, ivanova@rkb.ru').waitFor();
    expect(await form.getByLabel('Почта для уведомлений').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Почта для уведомлений').fill(MO_MAIL);
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(`Письма будут приходить на ${MO_MAIL}`).waitFor();
    await checkPage(page, '12-settings');
    await signOut(page);
    await signIn(page, server.url, 'expert1');
  });

  it('opens an ЭКМП, adds a finding, is refused signing without a discussion, records it and signs', async () => {
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Открыть экспертизу' }).click();
    const panel = page.locator('section.expertise');
    await panel.waitFor();
    expect(await panel.locator('h3').textContent()).toMatch(/ЭКМП ЭКМП-\d{4}-\d{4}/);

    // An ЭКМП takes codes of section 3 only: the МЭК code 1.1 is not offered.
    await page.getByLabel('Код дефекта — номер или слова из текста').fill('1.1');
    await panel.getByText('Ничего не найдено.').waitFor();
    await page.getByLabel('Код дефекта — номер или слова из текста').fill('3.2');
    const group = page.locator('.code-option', { hasText: /^3\.2\s/ });
    await group.first().waitFor();
    expect(await group.first().isDisabled()).toBe(true);
    await page.getByLabel('Код дефекта — номер или слова из текста').fill('3.2.2');
    await page.locator('.code-option', { hasText: /^3\.2\.2\s/ }).click();
    await page.getByLabel('№ карты (истории болезни), отделение').fill('Карта № 1845, неврология');
    // Sent without the dates: the server's answer is told in Russian at each field, not as a raw error.
    await page.getByRole('button', { name: 'Добавить замечание' }).click();
    const careFrom = panel.locator('.field', { has: page.getByLabel('Начало оказания помощи') }).locator('.field__error');
    await careFrom.waitFor();
    expect(await careFrom.textContent()).toBe('Укажите дату');
    expect(await panel.textContent()).not.toMatch(/Variable|GraphQL|invalid value/);
    await page.getByLabel('Начало оказания помощи').fill('02.09.2026');
    await page.getByLabel('Окончание оказания помощи').fill('16.09.2026');
    await page.getByLabel('Вид норматива (условия оказания помощи)').selectOption({ label: 'Стационар' });
    await page.getByLabel('RT — стоимость случая, ₽').fill('45210.50');
    await page.getByLabel('Описание нарушения').fill('Не проведена МРТ головного мозга до направления на МСЭ');
    await page.getByRole('button', { name: 'Добавить замечание' }).click();
    await panel
      .getByRole('cell', { name: `18${NBSP}084,20${NBSP}₽` })
      .first()
      .waitFor();
    expertiseNumber = (await panel.locator('h3').textContent())!.match(/ЭКМП-\d{4}-\d{4}/)![0];

    // A second defect on the same medical record: one ground applies per case of care, the largest.
    await page.getByLabel('Код дефекта — номер или слова из текста').fill('3.2.1');
    await page.locator('.code-option', { hasText: /^3\.2\.1\s/ }).click();
    expect(await page.getByLabel('Случай оказания помощи', { exact: true }).locator('option:checked').textContent()).toContain('Карта № 1845');
    await page.getByLabel('Описание нарушения').fill('Не назначена консультация невролога перед направлением');
    await page.getByRole('button', { name: 'Добавить замечание' }).click();
    await panel.getByText(/Применено основание 3\.2\.2 — наибольший размер/).waitFor();
    expect(await panel.locator('tfoot').textContent()).toContain(`18${NBSP}084,20${NBSP}₽`);

    // Signing cannot be taken back: it is asked first, and «Отмена» changes nothing.
    const asked = answerNextConfirm(page, false);
    await page.getByRole('button', { name: 'Подписать заключение' }).click();
    expect(await asked).toMatch(/^Подписать заключение ЭКМП-\d{4}-\d{4}\? Подписанное заключение изменить нельзя\.$/);
    expect(await panel.locator('.banner--error').count()).toBe(0);
    // At 1366×768 the editable findings table fits its panel: nothing is cut off at the right.
    const overflow = await page.evaluate<number[]>(
      "[...document.querySelectorAll('section.expertise table')].map((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? t.scrollWidth))",
    );
    expect(Math.max(0, ...overflow)).toBe(0);
    void answerNextConfirm(page);
    await page.getByRole('button', { name: 'Подписать заключение' }).click();
    const refusal = panel.locator('.banner--error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('не проведён совместный разбор');

    const discussion = page.getByRole('form', { name: 'Совместный разбор с МО' });
    await discussion.getByLabel('ФИО').nth(0).fill('Иванова А. П.');
    await discussion.getByLabel('Должность').nth(0).fill('врач-эксперт качества');
    await discussion.getByLabel('ФИО').nth(1).fill('Гаглоева М. Р.');
    await discussion.getByLabel('Должность').nth(1).fill('заместитель главного врача по КЭР');
    await discussion.getByLabel('Итоги разбора').fill('Замечания обсуждены, МО ознакомлена');
    await discussion.getByRole('button', { name: 'Записать разбор' }).click();
    await panel.locator('.discussions li').first().waitFor();

    void answerNextConfirm(page);
    await page.getByRole('button', { name: 'Подписать заключение' }).click();
    await panel.locator('h3', { hasText: 'подписана' }).waitFor();
    expect(await panel.textContent()).toContain(`2${NBSP}625,78${NBSP}₽`);
    await page.evaluate("document.querySelector('section.expertise').scrollIntoView()");
    await checkPage(page, '05-expertise');
    const signedAct = await downloadAct(panel);
    expect(signedAct.text).toContain('Применено основание 3.2.2 — наибольший размер');
    expect(signedAct.text).toContain('№ в реестре экспертов 15-0012');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Ожидает разбора в МО');

    const delivery = page.getByRole('form', { name: 'Направление акта в МО' });
    await delivery.getByLabel('Способ направления').selectOption({ label: 'нарочно, под подпись' });
    await delivery.getByRole('button', { name: 'Записать направление акта' }).click();
    await panel.getByText(/Акт направлен в МО .* \(нарочно, под подпись\)/).waitFor();
    expect((await downloadAct(panel)).text).toMatch(/Акт направлен в медицинскую организацию \d{2}\.\d{2}\.\d{4} \(нарочно, под подпись\)/);
    expect(await panel.textContent()).toContain('срок обжалования не начался');
    // The MO's commission member hears of it by mail at once.
    const [mail] = await mailbox.waitFor(isTo(MO_MAIL));
    expect(mail.subject).toBe(`Акт экспертизы № ${expertiseNumber} направлен в вашу МО`);
    expect(mail.text).toContain(`${server.url.replace('127.0.0.1', 'localhost')}/cases/`);
    await signOut(page);
  });

  it("the SMO expert opens the quarter's plan and adds a measure for the MO", async () => {
    await signIn(page, server.url, 'expert1');
    const { year, quarter } = thisQuarter();
    await page.goto(`${server.url}/plan?year=${year}&quarter=${quarter}`);
    await page.getByRole('button', { name: /Открыть план квартала/ }).click();
    const form = page.getByRole('form', { name: 'Новый пункт плана' });
    await expectRussianFieldErrors(form, 'Добавить пункт');
    await form.getByLabel('Мероприятие').fill('Разбор порядка обследования перед направлением на МСЭ');
    await form
      .getByRole('group', { name: /Каким МО/ })
      .getByLabel('ГБУЗ «РКБ»')
      .check();
    await form.getByLabel('Ответственная организация').fill('ГБУЗ «РКБ»');
    await form.getByLabel('Ответственное лицо').fill('Гаглоева М. Р.');
    await form.getByLabel('Срок').fill(typedDaysAgo(-30));
    await form.getByLabel('Коды дефектов').fill('3.2.2');
    await form.getByRole('button', { name: 'Добавить пункт' }).click();
    await page.getByRole('listitem', { name: /Пункт плана: Разбор порядка обследования/ }).waitFor();
    await signOut(page);
  });

  it('the MO commission records its review and closes the action with evidence', async () => {
    await signIn(page, server.url, 'mo1');
    await page
      .getByRole('link', { name: new RegExp(caseNumber) })
      .first()
      .click();
    // The MO confirms it received the act: the appeal window starts.
    const receipt = page.getByRole('form', { name: 'Получение акта МО' });
    await receipt.getByLabel('Акт подписан с разногласиями').check();
    await receipt.getByLabel(/^3\.2\.2 — /).fill('МРТ головного мозга проведена амбулаторно до госпитализации');
    await receipt.getByRole('button', { name: 'Записать получение акта' }).click();
    await page.getByText(/МО получила акт .* и подписала его с разногласиями: с этого дня идут 15 рабочих дней на обжалование/).waitFor();
    expect(await page.getByRole('form', { name: 'Получение акта МО' }).count()).toBe(0);
    const receivedAct = await downloadAct(page.locator('section.expertise').first());
    expect(receivedAct.text).toMatch(/Акт получен медицинской организацией \d{2}\.\d{2}\.\d{4}: срок обжалования — по \d{2}\.\d{2}\.\d{4} включительно/);
    expect(receivedAct.text).toContain('Разногласие по коду 3.2.2: МРТ головного мозга проведена амбулаторно');
    // Within its 15 working days from receipt, the MO appeals the conclusion to the fund.
    const appealForm = page.getByRole('form', { name: 'Обжалование заключения' });
    await appealForm.getByLabel('Основания').fill('Не согласны с кодом 3.2.2: МРТ проведена амбулаторно до госпитализации');
    await appealForm.getByRole('button', { name: 'Подать обжалование' }).click();
    await page.getByText(/Обжаловано .* на рассмотрении в ТФОМС/).waitFor();
    await page.getByText(/Рассмотрение обжалования ТФОМС/).waitFor();

    await page.getByRole('button', { name: 'Записать комиссионный разбор' }).click();
    const form = page.getByRole('form', { name: 'Комиссионный разбор' });
    await expectRussianFieldErrors(form, 'Записать разбор');
    await form.getByLabel('Номер протокола').fill('ВК-112');
    const members = form.getByRole('group', { name: 'Состав комиссии' });
    await members.getByLabel('Член комиссии 1: ФИО').fill('Гаглоева Мадина Руслановна');
    await members.getByLabel('Должность').fill('заместитель главного врача по КЭР');
    await form.getByLabel('Причина 1').selectOption({ index: 1 });
    await form
      .getByRole('group', { name: 'Мнение комиссии по замечаниям СМО' })
      .getByLabel(/код 3\.2\.2/)
      .selectOption({ label: 'согласна' });
    await form
      .getByRole('group', { name: 'Мнение комиссии по замечаниям СМО' })
      .getByLabel(/код 3\.2\.1/)
      .selectOption({ label: 'согласна' });
    await form.getByLabel('Заключение комиссии').fill('Направление оформлено без обязательной МРТ; порядок обследования доведён до врачей');
    const actions = form.getByRole('group', { name: 'Новые мероприятия' });
    await actions.getByLabel('Мероприятие 1').fill('Провести занятие с врачами неврологического отделения');
    await actions.getByLabel('Ответственный: ФИО').fill('Бестаева Ирина Олеговна');
    await actions.getByLabel('Должность').fill('заведующая неврологическим отделением');
    await actions.getByLabel('Срок').fill(typedDaysAgo(-20));
    await form.getByRole('button', { name: 'Записать разбор' }).click();

    const action = page.getByRole('listitem', { name: /Мероприятие: Провести занятие/ });
    await action.waitFor();
    await checkPage(page, '06-review');
    await action.getByLabel('Подтверждение выполнения').fill('Протокол занятия № 7, лист ознакомления');
    await action.getByRole('button', { name: 'Отметить выполненным' }).click();
    await action.locator('.badge', { hasText: 'выполнено' }).waitFor();
    expect(await action.textContent()).toContain('подтверждение: Протокол занятия № 7');

    // The plan's measure addressed to this MO: the commission agrees to it.
    const { year, quarter } = thisQuarter();
    await page.getByRole('link', { name: 'План мероприятий' }).click();
    await page.getByLabel('СМО').selectOption({ label: 'СМО «Алания-Полис»' });
    await page.getByLabel('Квартал').selectOption(String(quarter));
    await page.getByLabel('Год').selectOption(String(year));
    const item = page.getByRole('listitem', { name: /Пункт плана: Разбор порядка обследования/ });
    await item.getByLabel('Комментарий МО').fill('Согласовано на заседании ВК');
    await item.getByRole('button', { name: 'Согласовать' }).click();
    await item.getByText('ГБУЗ «РКБ»: согласовано — Согласовано на заседании ВК').waitFor();
    await checkPage(page, '08-plan');
    await signOut(page);
  });

  it("the SMO moves the measure's date after the MO answered; the MO is asked to agree again, and the history tells it", async () => {
    await signIn(page, server.url, 'expert1');
    const { year, quarter } = thisQuarter();
    await page.goto(`${server.url}/plan?year=${year}&quarter=${quarter}`);
    const item = page.getByRole('listitem', { name: /Пункт плана: Разбор порядка обследования/ });
    await item.getByRole('button', { name: 'Изменить условия пункта' }).click();
    const form = item.getByRole('form', { name: 'Изменить пункт плана' });
    await form.getByLabel('Срок').fill(typedDaysAgo(-60));
    await form.getByRole('button', { name: 'Сохранить пункт' }).click();
    await item.getByText('МО ещё не согласовали.').waitFor();
    await item.getByText('История пункта').click();
    const history = item.locator('.plan-item__history');
    await history.getByText(/Пункт изменён; МО согласуют его заново/).waitFor();
    expect(await history.textContent()).toMatch(new RegExp(`Срок: ${typedDaysAgo(-30).replace(/\./g, '\\.')} → ${typedDaysAgo(-60).replace(/\./g, '\\.')}`));
    expect(await history.textContent()).toContain('ГБУЗ «РКБ»: согласовано: Согласовано на заседании ВК');
    await signOut(page);
  });

  it("the MO records the referral's story: returned for completion, sent again, examined; the days lost are shown", async () => {
    await signIn(page, server.url, 'mo1');
    // The changed plan item waits in the MO's queue; its link opens the plan where it is agreed.
    await page.getByRole('link', { name: /Согласовать пункт плана СМО «Алания-Полис».*«Разбор порядка обследования/ }).click();
    await page
      .getByRole('listitem', { name: /Пункт плана: Разбор порядка обследования/ })
      .getByRole('button', { name: 'Согласовать' })
      .waitFor();
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Записать сведения о направлении' }).click();
    const form = page.getByRole('form', { name: 'Сведения о направлении на МСЭ' });
    await form.getByLabel('Номер протокола ВК').fill('ВК-98');
    await form.getByLabel('Дата протокола ВК').fill(typedDaysAgo(30));
    await form.getByLabel('Цель направления').selectOption({ label: 'Установление группы инвалидности' });
    await form.getByLabel('Освидетельствование').selectOption({ label: 'Первичное' });
    await form.getByLabel('Направлено в бюро').fill(typedDaysAgo(25));
    // Saved without the answer's date: the form names what is missing instead of sending it.
    await form.getByRole('button', { name: 'Добавить ответ бюро' }).click();
    await form.getByLabel('Ответ 1').selectOption({ label: 'Возврат на доработку' });
    await form.getByLabel('Причина').fill('Нет консультации невролога');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Ответ 1: укажите вид, дату и причину').waitFor();
    await form.getByLabel('Дата ответа').fill(typedDaysAgo(18));
    await form.getByLabel('Направлено снова').fill(typedDaysAgo(12));
    await form.getByLabel('Дата освидетельствования').fill(typedDaysAgo(5));
    await form.getByLabel('Итог').selectOption({ label: 'Установлена II группа' });
    await form.getByRole('button', { name: 'Сохранить' }).click();
    const story = page.locator('section', { has: page.getByRole('heading', { name: 'Направление на МСЭ (088/у)' }) });
    await story.getByText(/Потеряно дней/).waitFor();
    expect(await story.textContent()).toMatch(/13 календарных, \d+ рабочих — от первого направления до принятого бюро/);
    expect(await story.textContent()).toContain('Возврат на доработку');
    await signOut(page);
  });

  it('the monitoring department opens the quarterly report and downloads the XLSX', async () => {
    await signIn(page, server.url, 'monitoring');
    const { year, quarter } = thisQuarter();
    await page.goto(`${server.url}/reports?year=${year}&quarter=${quarter}`);
    await page.getByRole('heading', { name: 'Отказы в освидетельствовании' }).waitFor();
    const figures = page.locator('section[aria-labelledby="refusals-title"] .figures');
    expect(await figures.textContent()).toContain('Всего отказов1');
    expect(await page.locator('section[aria-labelledby="exp-title"]').textContent()).toContain(`18${NBSP}084,20${NBSP}₽`);
    await page.getByRole('table', { name: 'Отчёты СМО за квартал' }).waitFor();
    await checkPage(page, '07-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать XLSX' }).click()]);
    const file = await readFile(await download.path());
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    expect(file.length).toBeGreaterThan(3000);

    // A figure opens the cases it counts, and that list prints as a register.
    await figures.locator('dd').first().getByRole('link', { name: '1' }).click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(new URL(page.url()).searchParams.get('quarter')).toBe(`${year}-${quarter}`);
    expect(await page.getByRole('status').filter({ hasText: 'Найдено' }).textContent()).toContain('Найдено: 1');
    const [register] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Реестр в XLSX' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await register.path())) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(2).getCell(2).text).toBe(caseNumber);
    // A block of МКБ-10 opens its cases too.
    await page.goBack();
    await page.getByRole('table', { name: 'По блокам МКБ-10' }).getByRole('link').first().click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(new URL(page.url()).searchParams.get('group')).toMatch(/^[A-Z]\d\d-[A-Z]\d\d$/);
    // So does a figure of the expertise section: the ЭКМП concluded this quarter.
    await page.goBack();
    await page.locator('section[aria-labelledby="exp-title"] .figures dd').nth(1).getByRole('link').click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    await page.getByText('Случаи показателя квартального отчёта: ЭКМП, заключённые в квартале').waitFor();
    // Money opens the cases whose findings it sums; the referral's path the cases whose story it counts.
    await page.goBack();
    await page
      .locator('section[aria-labelledby="exp-title"] .figures')
      .getByRole('link', { name: `18${NBSP}084,20${NBSP}₽` })
      .click();
    await page.getByText('Случаи показателя квартального отчёта: не оплачено по замечаниям, оставшимся в силе').waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    await page.goBack();
    const referrals = page.getByRole('table', { name: 'Потерянные дни и повторные направления по МО' });
    await referrals.getByRole('row').last().getByRole('link').first().click();
    await page.getByText('Случаи показателя квартального отчёта: путь направления записан').waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
  });

  it("the SMO submits the last finished quarter's report and the fund accepts it", async () => {
    const { year, quarter } = lastFinishedQuarter();
    await signOut(page);
    await signIn(page, server.url, 'expert1');
    await page.goto(`${server.url}/reports?year=${year}&quarter=${quarter}`);
    const submitAsked = answerNextConfirm(page);
    await page.getByRole('button', { name: 'Сдать отчёт за квартал' }).click();
    expect(await submitAsked).toContain('Сданную версию изменить нельзя');
    await page.getByText(/Отчёт сдан, версия 1/).waitFor();
    await signOut(page);

    // The fund's queue holds the report; its link opens the report of that SMO and quarter.
    await signIn(page, server.url, 'monitoring');
    await page.getByRole('link', { name: `Принять или вернуть отчёт СМО «Алания-Полис» за ${quarter} квартал ${year}` }).click();
    const statuses = page.getByRole('table', { name: 'Отчёты СМО за квартал' });
    await statuses.getByRole('row', { name: /СМО «Алания-Полис».*версия 1/ }).waitFor();
    await page.getByRole('button', { name: 'Принять' }).click();
    await page.getByText('Отчёт принят').waitFor();
    await page.locator('.submissions li', { hasText: 'принят' }).waitFor();
  });

  it('an expired session asks to sign in again over the page, keeps what was typed and then finishes the step', async () => {
    await page.goto(caseUrl);
    await page.getByLabel('Новый комментарий').fill('Черновик комментария, который нельзя потерять');
    // The server forgets the token (as after expiry or a sign-out elsewhere).
    await page.evaluate("localStorage.setItem('razbor.token', 'expired.token.value')");
    await page.getByRole('button', { name: 'Добавить комментарий' }).click();
    const dialog = page.getByRole('dialog', { name: 'Сеанс истёк' });
    await dialog.waitFor();
    await dialog.getByLabel('Пароль').fill('razbor-demo');
    await dialog.getByRole('button', { name: 'Войти' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The comment is sent once signed in, without a second click, and nothing says the session expired.
    await page.locator('.comment', { hasText: 'Черновик комментария, который нельзя потерять' }).waitFor();
    expect(
      await page
        .getByText(/Сеанс истёк/)
        .filter({ visible: true })
        .count(),
    ).toBe(0);
    expect(await page.locator('.comment', { hasText: 'Черновик комментария' }).count()).toBe(1);
  });

  it('a page opened after the session expired shows once signed in again; a step is never sent in the name of someone else who signs in', async () => {
    const dialog = page.getByRole('dialog', { name: 'Сеанс истёк' });
    // A page's query refused for the expired session waits for the sign-in and then shows its rows.
    await page.evaluate("localStorage.setItem('razbor.token', 'expired.token.value')");
    await page.getByRole('link', { name: 'Случаи', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Пароль').fill('razbor-demo');
    await dialog.getByRole('button', { name: 'Войти' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('link', { name: /МСЭ-\d{4}-\d{6}/ })
      .first()
      .waitFor();

    // Another user signs in over the page: the comment typed in the first one's name is dropped.
    await page.goto(caseUrl);
    await page.getByLabel('Новый комментарий').fill('Комментарий, написанный другим пользователем');
    await page.evaluate("localStorage.setItem('razbor.token', 'expired.token.value')");
    await page.getByRole('button', { name: 'Добавить комментарий' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Логин').fill('expert1');
    await dialog.getByLabel('Пароль').fill('razbor-demo');
    await dialog.getByRole('button', { name: 'Войти' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await page.reload();
    await page.locator('.comments').waitFor();
    expect(await page.locator('.comment', { hasText: 'Комментарий, написанный другим пользователем' }).count()).toBe(0);

    // A reload with a token the server no longer knows starts at the sign-in page, not in a dialog.
    await page.evaluate("localStorage.setItem('razbor.token', 'expired.token.value')");
    await page.reload();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Логин').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    // Signed in, the user is back on the case they were on.
    await page.getByLabel('Логин').fill('monitoring');
    await page.getByLabel('Пароль').fill('razbor-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { level: 1, name: caseNumber }).waitFor();
  });

  it('the administrator adds a commission member, corrects names in place, and the member can then sign in', async () => {
    await signOut(page);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Администрирование' }).click();
    const form = page.getByRole('form', { name: 'Новый пользователь' });
    await form.getByLabel('Логин', { exact: true }).fill('mozdok.chair');
    await form.getByLabel('ФИО').fill('Кокоева Залина Маирбековна');
    await form.getByLabel('Должность').fill('председатель врачебной комиссии');
    await form.getByLabel('Роль', { exact: true }).selectOption({ label: 'Член комиссии МО' });
    await form.getByLabel('Организация').selectOption({ label: 'ГБУЗ «Моздокская ЦРБ»' });
    await form.getByLabel('Начальный пароль').fill('mozdok-vk-predsedatel-2026');
    await form.getByRole('button', { name: 'Создать пользователя' }).click();
    await page.getByText('Пользователь mozdok.chair создан.').waitFor();
    await page.getByRole('cell', { name: 'mozdok.chair', exact: true }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await checkPage(page, '09-admin');
    for (const tab of ['Организации', 'Причины', 'Нормативы', 'Перечень и календарь', 'Обследования: коды НМУ']) {
      await page.getByRole('navigation', { name: 'Справочники' }).getByRole('link', { name: tab }).click();
      await page.locator('.tabs [aria-current="page"]', { hasText: tab }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `Администрирование — ${tab}`);
    }
    // The production calendar in the open XML format: the days are shown before anything is saved.
    await page.getByRole('navigation', { name: 'Справочники' }).getByRole('link', { name: 'Перечень и календарь' }).click();
    const calendar = page.getByRole('form', { name: 'Загрузка производственного календаря' });
    await calendar.getByLabel(/Файл календаря/).setInputFiles(path.join(ROOT, 'test/fixtures/calendars/ru-2031.xml'));
    const preview = calendar.getByRole('table', { name: 'Что будет загружено' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('249');
    expect(await preview.textContent()).toContain('27.12');
    await expectAccessible(page, 'Администрирование — предпросмотр календаря');
    await calendar.getByLabel('Источник (постановление Правительства)').fill('xmlcalendar.ru, 2031 (тестовый)');
    await calendar.getByRole('button', { name: 'Загрузить календарь' }).click();
    await page.getByText('Производственный календарь загружен: 2031.').waitFor();

    await page.getByRole('navigation', { name: 'Справочники' }).getByRole('link', { name: 'Пользователи' }).click();
    await page.getByRole('cell', { name: 'mozdok.chair', exact: true }).waitFor();

    // A position corrected in place.
    await page.getByRole('row').filter({ hasText: 'mozdok.chair' }).first().getByRole('button', { name: 'Изменить' }).click();
    const editUser = page.getByRole('form', { name: 'Изменить mozdok.chair' });
    await editUser.getByLabel('Должность').fill('заместитель председателя врачебной комиссии');
    await editUser.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('row').filter({ hasText: 'mozdok.chair' }).getByText('заместитель председателя врачебной комиссии').waitFor();
    expect(await editUser.count()).toBe(0);

    // An organisation's full name corrected in place; an emptied short name is refused beside its field.
    await page.getByRole('link', { name: 'Организации' }).click();
    await page.getByRole('row').filter({ hasText: 'ГБУЗ «Моздокская ЦРБ»' }).first().getByRole('button', { name: 'Изменить' }).click();
    const editOrganisation = page.getByRole('form', { name: 'Изменить ГБУЗ «Моздокская ЦРБ»' });
    await editOrganisation.getByLabel('Краткое название').fill('');
    await editOrganisation.getByRole('button', { name: 'Сохранить' }).click();
    await editOrganisation.locator('.field__error').first().waitFor();
    expect(await editOrganisation.getByLabel('Краткое название').getAttribute('aria-invalid')).toBe('true');
    await editOrganisation.getByLabel('Краткое название').fill('ГБУЗ «Моздокская ЦРБ»');
    await editOrganisation.getByLabel('Полное название').fill('ГБУЗ «Моздокская центральная районная больница» МЗ РСО-Алания');
    await editOrganisation.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('ГБУЗ «Моздокская центральная районная больница» МЗ РСО-Алания').waitFor();
    await signOut(page);
    await signIn(page, server.url, 'mozdok.chair', 'mozdok-vk-predsedatel-2026');
    expect(await page.getByLabel('Пользователь').textContent()).toContain('ГБУЗ «Моздокская ЦРБ» · Член комиссии МО');
  });
  it('the fund decides the claim in part, choosing the finding that stands; the SMO opens a correcting expertise', async () => {
    await signOut(page);
    await signIn(page, server.url, 'monitoring');
    await page.goto(caseUrl);
    const decision = page.getByRole('form', { name: 'Решение по обжалованию' });
    await expectRussianFieldErrors(decision, 'Записать решение');
    await decision.getByLabel('Решение').selectOption({ label: 'заключение изменено частично' });
    await decision.getByLabel(/^3\.2\.1 — /).check();
    await decision.getByLabel('Дата повторной экспертизы').fill(typedDaysAgo(0));
    await decision.getByLabel('Эксперт повторной экспертизы').fill('Дзугаева Л. К., врач-невролог, реестр экспертов № 15-0033');
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    const revised = page.locator('section.expertise', { has: page.locator('h3', { hasText: `${expertiseNumber}-И` }) });
    await revised.waitFor();
    await page.getByText(/Повторная ЭКМП .*, эксперт Дзугаева Л\. К\./).waitFor();
    const original = page.locator('section.expertise', { has: page.locator('h3', { hasText: new RegExp(`${expertiseNumber}(?!-И)`) }) }).first();
    const decidedAct = await downloadAct(original);
    expect(decidedAct.text).toMatch(/Решение ТФОМС от .*заключение изменено частично\. Действует заключение № ЭКМП-\d{4}-\d{4}-И/);
    const revisedAct = await downloadAct(revised);
    expect(revisedAct.text).toContain('Заключение оформлено по решению ТФОМС');
    expect(revisedAct.text).not.toContain('3.2.2 ');
    await signOut(page);

    await signIn(page, server.url, 'expert1');
    await page.goto(caseUrl);
    const open = page.getByRole('form', { name: 'Открыть экспертизу' });
    await open.getByLabel('Исправляет экспертизу').selectOption({ label: `${expertiseNumber}-И` });
    await open.getByRole('button', { name: 'Открыть экспертизу' }).click();
    const correcting = page.locator('section.expertise', { hasText: `исправляет ${expertiseNumber}-И` });
    await correcting.waitFor();
    const draft = await downloadAct(correcting);
    expect(draft.headers).toContain('ПРОЕКТ');
    await checkPage(page, '10-correcting-expertise');
  });
});
