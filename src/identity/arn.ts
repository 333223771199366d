/**
 * Linear-time ARN helpers (indexOf only: ARNs in hostile input may be megabytes long).
 *
 * @module
 */

/** The six parts of `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
  /** `aws`, `aws-us-gov`, `aws-cn`... */
  partition: string;
  /** `iam`, `sts`, `s3`... */
  service: string;
  /** Empty for global services. */
  region: string;
  /** Account id (may be empty). */
  account: string;
  /** Everything after the fifth `:` (may itself contain `:` and `/`). */
  resource: string;
}

/** Splits an ARN into its parts, or returns `undefined` if it does not start with `arn:` and has fewer than six parts. */
export function parseArn(arn: string): ArnParts | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const cuts: number[] = [];
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const at = arn.indexOf(':', from);
    if (at < 0) return undefined;
    cuts.push(at);
    from = at + 1;
  }
  const [a, b, c, d] = cuts as [number, number, number, number];
  return {
    partition: arn.slice(4, a),
    service: arn.slice(a + 1, b),
    region: arn.slice(b + 1, c),
    account: arn.slice(c + 1, d),
    resource: arn.slice(d + 1),
  };
}

/** What an STS `assumed-role` ARN says about the role and session. */
export interface AssumedRoleArn {
  /** `arn:<partition>:iam::<account>:role/<role>`: without the role's path, which the STS ARN lacks. */
  roleArn: string;
  /** The role's name. */
  roleName: string;
  /** The session name (may be empty). */
  sessionName: string;
}

/**
 * Reads `arn:<partition>:sts::<account>:assumed-role/<role>/<session>`. Role names cannot hold
 * `/`, so the role ends at the first `/` after `assumed-role/`; the rest is the session name.
 */
export function parseAssumedRoleArn(arn: string): AssumedRoleArn | undefined {
  const parts = parseArn(arn);
  if (parts === undefined || parts.service !== 'sts') return undefined;
  const prefix = 'assumed-role/';
  if (!parts.resource.startsWith(prefix)) return undefined;
  const rest = parts.resource.slice(prefix.length);
  const slash = rest.indexOf('/');
  const roleName = slash < 0 ? rest : rest.slice(0, slash);
  if (roleName === '') return undefined;
  return {
    roleArn: `arn:${parts.partition}:iam::${parts.account}:role/${roleName}`,
    roleName,
    sessionName: slash < 0 ? '' : rest.slice(slash + 1),
  };
}

/** Name and path of an IAM role ARN `arn:<p>:iam::<acct>:role/<path/>name`. */
export function parseRoleArn(arn: string): { roleName: string; rolePath: string } | undefined {
  const parts = parseArn(arn);
  if (parts === undefined || !parts.resource.startsWith('role/')) return undefined;
  const rest = parts.resource.slice(4); // keeps the leading '/'
  const last = rest.lastIndexOf('/');
  const roleName = rest.slice(last + 1);
  if (roleName === '') return undefined;
  return { roleName, rolePath: rest.slice(0, last + 1) };
}

/** The name after `<prefix>` in the resource part of an ARN (e.g. `federated-user/`), if any. */
export function arnResourceName(arn: string, prefix: string): string | undefined {
  const parts = parseArn(arn);
  if (parts === undefined || !parts.resource.startsWith(prefix)) return undefined;
  const name = parts.resource.slice(prefix.length);
  return name === '' ? undefined : name;
}
