import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors/app-error';
import { messages } from '../i18n/resources';

const { en, nl } = messages;
import { describeError } from './describe-error';

let t: TFunction;
let tNl: TFunction;

beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
  t = i18n.getFixedT('en');
  tNl = i18n.getFixedT('nl');
});

describe('describeError', () => {
  it('words an AppError in the chosen language, with its parameters filled in', () => {
    const error = new AppError('contract.unknownChannel', { params: { name: 'servers.list' }, detail: 'no such call' });
    expect(describeError(error, t)).toEqual({
      code: 'contract.unknownChannel',
      title: 'Mailharbor asked for something it does not know (servers.list).',
      next: en.errors['contract.unknownChannel'].next,
      detail: 'no such call',
      retryable: false,
    });
    expect(describeError(error, tNl).title).toBe('Mailharbor vroeg om iets wat het niet kent (servers.list).');
  });

  it('keeps whether trying again can help', () => {
    const error = new AppError('transport.disconnected', { retryable: true });
    expect(describeError(error, t)).toMatchObject({
      retryable: true,
      title: en.errors['transport.disconnected'].title,
    });
  });

  it('treats anything else thrown as an internal error and keeps its message as the detail', () => {
    expect(describeError(new TypeError('x is undefined'), t)).toMatchObject({
      code: 'internal',
      title: en.errors.internal.title,
      next: en.errors.internal.next,
      detail: 'x is undefined',
    });
  });

  it('falls back to the internal wording for a code this version does not know', () => {
    const fromNewerMain = { code: 'servers.gone', params: {}, retryable: true };
    expect(describeError(fromNewerMain, t)).toMatchObject({ code: 'internal', title: en.errors.internal.title });
  });

  it('words the agent’s codes, which arrive as plain error values in job events', () => {
    const fromJob = { code: 'jobs.lockHeld', params: {}, detail: 'held by j-1', retryable: true };
    expect(describeError(fromJob, t)).toMatchObject({
      code: 'jobs.lockHeld',
      title: en.errors['jobs.lockHeld'].title,
      detail: 'held by j-1',
      retryable: true,
    });
    expect(describeError(fromJob, tNl).title).toBe(nl.errors['jobs.lockHeld'].title);
  });
});
