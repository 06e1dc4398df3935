// A grant preview's warnings as a newcomer reads them: plain words first, the engine's own sentence (with its
// Kubernetes terms: system:masters, RBAC, access policy names) kept as the technical line under them.

export interface WarningWords {
  words: string;
  /** The warning as the `fix` command prints it; empty when the words are already that sentence. */
  technical: string;
}

const PLAIN: { match: RegExp; words: string }[] = [
  {
    match: /^system:masters gives unrestricted admin rights/,
    words: 'This gives full administrator rights on the whole cluster: the identity may do anything there, and no rule on the cluster can take any of it back. Choose read-only access instead unless it must administer the cluster.',
  },
  {
    match: /^AmazonEKSClusterAdminPolicy gives everything on the cluster/,
    words: 'This gives full administrator rights on the whole cluster: the identity may do anything there. A narrower choice, or only some namespaces, is safer when it is enough.',
  },
  {
    match: /^No groups: the identity will be signed in but may do nothing/,
    words: 'The identity will be let in, but may do nothing until a rule on the cluster gives its user name some access.',
  },
];

export function warningWords(warning: string): WarningWords {
  const plain = PLAIN.find((p) => p.match.test(warning));
  return plain ? { words: plain.words, technical: warning } : { words: warning, technical: '' };
}
