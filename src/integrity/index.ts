export type {
  CloudTrailPublicKey,
  ListedPublicKey,
  ListPublicKeysOutputLike,
  ListPublicKeysResult,
  PublicKeySource,
  WebCryptoKey,
} from './public-key.js';
export { findPublicKey, importCloudTrailPublicKey, publicKeyMap } from './public-key.js';
export type {
  DigestVerification,
  LogFileCheck,
  LogFileReader,
  LogFileStatus,
  PreviousDigest,
  S3Location,
} from './types.js';
export type {
  DigestChainBreak,
  DigestChainBreakKind,
  DigestChainEnd,
  DigestChainGap,
  DigestChainLink,
  DigestChainStop,
  DigestChainVerification,
  DigestObject,
  VerifyDigestChainOptions,
} from './verify-digest-chain.js';
export { verifyDigestChain } from './verify-digest-chain.js';
export type { VerifyDigestFileInput } from './verify-digest-file.js';
export { verifyDigestFile } from './verify-digest-file.js';
