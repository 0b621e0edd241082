import { summaries } from '../__testUtils__/fixtures';
import { buildConformanceCsv, quoteCsvCell, toCsv } from './csv';

describe('quoteCsvCell', () => {
  it('leaves plain values alone', () => {
    expect(quoteCsvCell('component:default/x')).toBe('component:default/x');
    expect(quoteCsvCell(62)).toBe('62');
    expect(quoteCsvCell(0)).toBe('0');
  });

  it('renders missing values as empty cells', () => {
    expect(quoteCsvCell(undefined)).toBe('');
    expect(quoteCsvCell(null)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(quoteCsvCell('a,b')).toBe('"a,b"');
    expect(quoteCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(quoteCsvCell(' padded ')).toBe('" padded "');
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });
});

describe('buildConformanceCsv', () => {
  it('writes one row per entity with a column per check id', () => {
    const csv = buildConformanceCsv(summaries.slice(0, 2), [
      'run-as-non-root',
      'resource-limits',
      'unknown-check',
    ]);
    expect(csv.split('\r\n')).toEqual([
      'entity,owner,system,score,run-as-non-root,resource-limits,unknown-check',
      'component:default/payment-service,group:default/payments,system:default/checkout,62,pass,fail,',
      'component:default/search-api,group:default/platform,system:default/discovery,100,pass,pass,',
      '',
    ]);
  });

  it('leaves a null score and missing owner/system empty and quotes odd refs', () => {
    const csv = buildConformanceCsv(
      [
        {
          ...summaries[0],
          entityRef: 'component:default/odd,name',
          owner: undefined,
          system: undefined,
          score: null,
        },
      ],
      ['resource-limits'],
    );
    expect(csv).toBe(
      'entity,owner,system,score,resource-limits\r\n"component:default/odd,name",,,,fail\r\n',
    );
  });
});
