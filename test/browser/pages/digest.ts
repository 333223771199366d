// Browser page: the integrity helper's digest scenario (Web APIs only).
export { runDigestScenario } from '../../integrity/digest-vectors.js';
