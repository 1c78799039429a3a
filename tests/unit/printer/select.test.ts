import { describe, expect, it } from 'vitest';
import { choosePrinter } from '../../../native/printer/select';
import { mediaKeywordFor, mediaMatches, parseMediaKeyword } from '../../../native/printer/media';
import type { PrinterInfo } from '../../../native/printer/types';

const p = (name: string, over: Partial<PrinterInfo> = {}): PrinterInfo => ({
  name,
  state: 'idle',
  accepting: true,
  reasons: [],
  isDefault: false,
  mediaSupported: [],
  ...over,
});
const office = p('Office', { isDefault: true, mediaSupported: ['iso_a4_210x297mm', 'na_letter_8.5x11in'] });
const card = p('Card', { mediaSupported: ['custom_cr80_53.98x85.6mm'] });
const cardInches = p('CardIn', { mediaSupported: ['na_index-3x5_3x5in', 'oe_cr80_2.125x3.375in'] });

describe('media', () => {
  it('parses PWG self-describing names in mm and inches, orientation-free', () => {
    expect(parseMediaKeyword('iso_a4_210x297mm')).toEqual({ w: 210, h: 297 });
    expect(parseMediaKeyword('custom_x_85.6x54mm')).toEqual({ w: 54, h: 85.6 });
    expect(parseMediaKeyword('auto')).toBeNull();
    expect(mediaMatches('oe_cr80_2.125x3.375in', 'CR80')).toBe(true);
    expect(mediaMatches('na_letter_8.5x11in', 'A4')).toBe(false);
  });

  it("uses the printer's own keyword when it has one", () => {
    expect(mediaKeywordFor('CR80', cardInches.mediaSupported)).toBe('oe_cr80_2.125x3.375in');
    expect(mediaKeywordFor('A4', [])).toBe('iso_a4_210x297mm');
  });
});

describe('choosePrinter', () => {
  it('uses the configured queue per size', () => {
    expect(choosePrinter([office, card], 'CR80', { defaults: { CR80: 'Card' } })).toMatchObject({
      printer: { name: 'Card' },
      reason: 'configured',
    });
  });

  it('reports a configured queue that vanished instead of guessing', () => {
    expect(choosePrinter([office], 'A4', { defaults: { A4: 'Gone' } })).toEqual({
      printer: null,
      why: 'configured-missing',
      configured: 'Gone',
    });
  });

  it('A4 goes to the system default; cards go to a printer that lists card media', () => {
    expect(choosePrinter([card, office], 'A4')).toMatchObject({
      printer: { name: 'Office' },
      reason: 'system-default',
    });
    expect(choosePrinter([office, cardInches], 'CR80')).toMatchObject({
      printer: { name: 'CardIn' },
      reason: 'media-match',
    });
  });

  it('never sends cards to a sheet printer unless allowed', () => {
    expect(choosePrinter([office], 'CR80')).toEqual({ printer: null, why: 'no-printer-for-size' });
    expect(choosePrinter([office], 'CR80', { allowCardOnSheet: true })).toMatchObject({
      printer: { name: 'Office' },
      reason: 'card-on-sheet',
    });
  });

  it('prefers a ready printer over one with a problem, and flags the problem', () => {
    const jammed = p('Jammed', { mediaSupported: ['iso_a4_210x297mm'], reasons: ['media-jam-error'] });
    const ready = p('Ready', { mediaSupported: ['iso_a4_210x297mm'] });
    expect(choosePrinter([jammed, ready], 'A4')).toMatchObject({ printer: { name: 'Ready' } });
    expect(choosePrinter([jammed], 'A4', { defaults: { A4: 'Jammed' } })).toMatchObject({
      problem: { code: 'PRINTER_MEDIA_JAM' },
    });
  });

  it('an unknown-media printer is fine for A4, and an empty list says so', () => {
    expect(choosePrinter([p('Plain')], 'A4')).toMatchObject({ printer: { name: 'Plain' }, reason: 'only-printer' });
    expect(choosePrinter([], 'A4')).toEqual({ printer: null, why: 'no-printers' });
  });
});
