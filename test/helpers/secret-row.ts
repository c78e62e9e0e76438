// Real `secret ls` rows (SecretRow, docker's secretContext) for format tests, aged "Less than a second".
import { SecretRow } from '../../src/cli/secret/formatter.js';
import { goStruct } from '../../src/go/reflect/value.js';

const CREATED = '2026-11-28T10:00:00.123456789Z';

export function secretRow(id: string, name: string, labels: Record<string, string> = {}): SecretRow {
  const secret = { ID: id, Version: { Index: 11 }, CreatedAt: CREATED, UpdatedAt: CREATED, Spec: { Name: name, Labels: labels } };
  // named as the list command names its rows, for Go-shaped error messages
  return goStruct('*secret.secretContext', new SecretRow(secret, Date.parse(CREATED)));
}
