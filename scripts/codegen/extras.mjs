// Events that no API model lists. Shapes are what the public examples show (chime-catalog.md §4, §9).
export const EXTRAS = [
  {
    name: 'AddDomain',
    namespace: 'chime',
    origin: 'Amazon Chime console call (admin guide example); not in any API model',
    input: {
      name: 'AddDomainRequest',
      members: [
        { name: 'AccountId', type: { k: 'string' } },
        { name: 'DomainName', type: { k: 'string' } },
      ],
    },
    output: undefined,
  },
  {
    name: 'ExpireAppInstanceUser',
    namespace: 'identity',
    origin:
      'AwsServiceEvent: Chime SDK deleted an expired AppInstanceUser (requestParameters and responseElements are null)',
    input: undefined,
    output: undefined,
  },
  {
    name: 'ExpireChannel',
    namespace: 'messaging',
    origin: 'AwsServiceEvent: Chime SDK deleted an expired channel (requestParameters and responseElements are null)',
    input: undefined,
    output: undefined,
  },
];

// API hosts that no SDK endpoint rule builds (chime-catalog.md §2, §3).
export const EXTRA_HOSTS = [
  {
    host: 'service.chime.aws.amazon.com',
    namespace: 'chime',
    origin: 'The Amazon Chime API endpoint of the API reference (us-east-1)',
  },
];
