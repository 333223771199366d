/** Every host one Chime client package's endpoint provider resolves to, and their parts. */
export function sdkHosts(pkg: string): { hosts: Set<string>; prefixes: Set<string>; suffixes: Set<string> };
