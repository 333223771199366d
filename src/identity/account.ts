import { parseArn } from './arn.js';
import type { Identity } from './types.js';

/** The account owning an identity's principal: `accountId`, else the account of its ARN. */
export function accountOf(id: Identity): string | undefined {
  if (id.accountId !== undefined && id.accountId !== '') return id.accountId;
  const fromArn = id.arn === undefined ? undefined : parseArn(id.arn)?.account;
  return fromArn === '' ? undefined : fromArn;
}
