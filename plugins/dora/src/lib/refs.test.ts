import { shortRef } from './refs';

it.each([
  ['component:default/payment-service', 'payment-service'],
  ['group:default/payments', 'payments'],
  ['component:billing/ledger', 'billing/ledger'],
  ['', ''],
])('shortRef(%p) = %p', (ref, expected) => {
  expect(shortRef(ref)).toBe(expected);
});
