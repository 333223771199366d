import { describe, expectTypeOf, it } from 'vitest';
import type {
  AssumedRoleIdentity,
  CredentialKind,
  Identity,
  IdentityKind,
  IdentityOf,
  RootIdentity,
} from '../../src/index.js';
import { classifyIdentity, describeIdentity } from '../../src/index.js';

describe('Identity types', () => {
  it('classifyIdentity returns the Identity union; describeIdentity a string', () => {
    expectTypeOf(classifyIdentity).returns.toEqualTypeOf<Identity>();
    expectTypeOf(classifyIdentity).toBeCallableWith(undefined);
    expectTypeOf(classifyIdentity).toBeCallableWith(null);
    expectTypeOf(classifyIdentity).toBeCallableWith({ type: 'Root' }, { eventType: 'AwsApiCall' });
    expectTypeOf(describeIdentity).returns.toEqualTypeOf<string>();
  });

  it('discriminates on kind', () => {
    expectTypeOf<Identity['kind']>().toEqualTypeOf<IdentityKind>();
    expectTypeOf<Identity['credentials']['kind']>().toEqualTypeOf<CredentialKind>();
    expectTypeOf<IdentityOf<'assumed-role'>>().toEqualTypeOf<AssumedRoleIdentity>();
    expectTypeOf<IdentityOf<'root'>>().toEqualTypeOf<RootIdentity>();
  });

  it('exposes roleArn only on assumed-role', () => {
    const id = classifyIdentity(undefined);
    // @ts-expect-error roleArn is not on every variant
    id.roleArn;
    expectTypeOf(id).not.toHaveProperty('roleArn');
    if (id.kind === 'assumed-role') {
      expectTypeOf(id).toEqualTypeOf<AssumedRoleIdentity>();
      expectTypeOf(id.roleArn).toEqualTypeOf<string | undefined>();
      expectTypeOf(id.identityCenter).toEqualTypeOf<boolean>();
    }
    if (id.kind === 'iam-user') {
      expectTypeOf(id).not.toHaveProperty('roleArn');
      expectTypeOf(id.userName).toEqualTypeOf<string | undefined>();
    }
  });

  it('narrows the other variant-specific fields', () => {
    const id = classifyIdentity(undefined);
    switch (id.kind) {
      case 'root':
        expectTypeOf(id.origin).toEqualTypeOf<'console' | 'assume-root' | 'uncertain' | undefined>();
        break;
      case 'aws-account':
        expectTypeOf(id.anonymous).toEqualTypeOf<boolean>();
        break;
      case 'identity-center-user':
        expectTypeOf(id.credentialId).toEqualTypeOf<string | undefined>();
        break;
      case 'aws-service':
        expectTypeOf(id).not.toHaveProperty('origin');
        expectTypeOf(id.invokedBy).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(id).not.toHaveProperty('anonymous');
    }
  });
});
