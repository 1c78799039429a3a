import { describe, expect, it } from 'vitest';
import { decodeIpp, encodeIpp, groupToRecord, IppDecodeError } from '../../../native/printer/ipp/codec';
import { Tag } from '../../../native/printer/ipp/constants';
import { parseServer, resolveCupsEndpoint } from '../../../native/printer/cups/endpoint';

describe('IPP codec', () => {
  it('encodes a request byte-exactly (RFC 8010 layout)', () => {
    const buf = encodeIpp({
      version: [2, 0],
      code: 0x000b,
      requestId: 7,
      groups: [
        { tag: Tag.operation, attributes: [{ tag: Tag.charset, name: 'attributes-charset', values: ['utf-8'] }] },
      ],
    });
    expect(buf.toString('hex')).toBe(
      '0200' +
        '000b' +
        '00000007' +
        '01' +
        '47' +
        '0012' +
        Buffer.from('attributes-charset').toString('hex') +
        '0005' +
        Buffer.from('utf-8').toString('hex') +
        '03',
    );
  });

  it('round-trips multi-valued, integer, boolean, enum and text values', () => {
    const msg = {
      version: [2, 0] as [number, number],
      code: 0,
      requestId: 1,
      groups: [
        {
          tag: Tag.printer,
          attributes: [
            { tag: Tag.keyword, name: 'printer-state-reasons', values: ['media-empty-error', 'paused'] },
            { tag: Tag.enum, name: 'printer-state', values: [5] },
            { tag: Tag.boolean, name: 'printer-is-accepting-jobs', values: [false] },
            { tag: Tag.integer, name: 'queued-job-count', values: [-3] },
            { tag: Tag.text, name: 'printer-info', values: ['柜台打印机'] },
          ],
        },
      ],
    };
    const rec = groupToRecord(decodeIpp(encodeIpp(msg)).groups[0]!);
    expect(rec).toEqual({
      'printer-state-reasons': ['media-empty-error', 'paused'],
      'printer-state': [5],
      'printer-is-accepting-jobs': [false],
      'queued-job-count': [-3],
      'printer-info': ['柜台打印机'],
    });
  });

  it('decodes collections, ranges and text-with-language', () => {
    const parts: Buffer[] = [Buffer.from('0200000000000001', 'hex'), Buffer.from([Tag.printer])];
    const a = (tag: number, name: string, value: Buffer) => {
      const h = Buffer.alloc(5 + name.length);
      h.writeUInt8(tag, 0);
      h.writeUInt16BE(name.length, 1);
      h.write(name, 3);
      h.writeUInt16BE(value.length, 3 + name.length);
      parts.push(h, value);
    };
    a(Tag.begCollection, 'media-col-default', Buffer.alloc(0));
    a(Tag.memberAttrName, '', Buffer.from('media-source'));
    a(Tag.keyword, '', Buffer.from('main'));
    a(Tag.endCollection, '', Buffer.alloc(0));
    const range = Buffer.alloc(8);
    range.writeInt32BE(1, 0);
    range.writeInt32BE(99, 4);
    a(Tag.rangeOfInteger, 'copies-supported', range);
    const twl = Buffer.concat([Buffer.from([0, 2]), Buffer.from('zh'), Buffer.from([0, 6]), Buffer.from('缺纸')]);
    a(Tag.textWithLanguage, 'printer-state-message', twl);
    parts.push(Buffer.from([Tag.end]));
    const rec = groupToRecord(decodeIpp(Buffer.concat(parts)).groups[0]!);
    expect(rec['media-col-default']).toEqual([{ 'media-source': ['main'] }]);
    expect(rec['copies-supported']).toEqual([{ lower: 1, upper: 99 }]);
    expect(rec['printer-state-message']).toEqual(['缺纸']);
  });

  it('rejects truncated input with IppDecodeError', () => {
    const good = encodeIpp({
      version: [2, 0],
      code: 0,
      requestId: 1,
      groups: [{ tag: Tag.job, attributes: [{ tag: Tag.integer, name: 'job-id', values: [3] }] }],
    });
    expect(() => decodeIpp(good.subarray(0, good.length - 4))).toThrow(IppDecodeError);
    expect(() => decodeIpp(Buffer.from('0200', 'hex'))).toThrow(IppDecodeError);
  });
});

describe('CUPS server resolution', () => {
  it('parses host, host:port, IPv6 and socket paths', () => {
    expect(parseServer('127.0.0.1:6631')).toEqual({ host: '127.0.0.1', port: 6631 });
    expect(parseServer('printhost')).toEqual({ host: 'printhost', port: 631 });
    expect(parseServer('[::1]:632')).toEqual({ host: '::1', port: 632 });
    expect(parseServer('/run/cups/cups.sock')).toEqual({ socketPath: '/run/cups/cups.sock' });
    expect(() => parseServer('host:99999')).toThrow(/Invalid CUPS server/);
  });

  it('prefers explicit setting, then CUPS_SERVER, then the local socket, then localhost:631', () => {
    expect(resolveCupsEndpoint('h:1', { CUPS_SERVER: 'x:2' })).toEqual({ host: 'h', port: 1 });
    expect(resolveCupsEndpoint(undefined, { CUPS_SERVER: 'x:2' })).toEqual({ host: 'x', port: 2 });
    expect(resolveCupsEndpoint(undefined, {}, (p) => p === '/var/run/cups/cups.sock')).toEqual({
      socketPath: '/var/run/cups/cups.sock',
    });
    expect(resolveCupsEndpoint(undefined, {}, () => false)).toEqual({ host: 'localhost', port: 631 });
  });
});
