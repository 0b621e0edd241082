import { gateFigures } from './gate';

describe('gateFigures', () => {
  const counts = [
    { entityRef: 'component:default/a', decisions: 4, denials: 1 },
    { entityRef: 'component:default/b', decisions: 3, denials: 3 },
    { entityRef: 'component:default/c', decisions: 2, denials: 0 },
    { entityRef: 'component:default/other', decisions: 9, denials: 9 },
  ];

  it('sums the row’s entities and lists the denied ones, most first', () => {
    expect(
      gateFigures(counts, [
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]),
    ).toEqual({
      decisions: 9,
      denials: 4,
      denialsByEntity: [
        { entityRef: 'component:default/b', denials: 3 },
        { entityRef: 'component:default/a', denials: 1 },
      ],
    });
  });

  it('is zero for entities the gate never answered for', () => {
    expect(gateFigures(counts, ['component:default/none'])).toEqual({
      decisions: 0,
      denials: 0,
      denialsByEntity: [],
    });
  });
});
