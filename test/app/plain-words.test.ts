// The app's sentences for states a new user meets: each says what happened, not a failure that did not happen.
import { describe, expect, it } from 'vitest';
import { authModeWords, causeCodeLine, fixButtonCommands, grantedArnNote, kubectlIdentityLine, probeResultWords, whoDoesFix } from '../../renderer/src/diagnosis/wording.js';
import { cellCommands, identityShort } from '../../renderer/src/matrix/format.js';
import { probeMessageWords } from '../../shared/network-words.js';
import { credentialsFromWords, identitiesSummary, PROFILES_DESCRIPTION, profileErrorWords } from '../../renderer/src/profiles/format.js';
import { commandPieces } from '../../shared/shell-arg.js';
import { closeWords } from '../../renderer/src/wizards/close-words.js';
import { undoCommands } from '../../renderer/src/wizards/undo-commands.js';

describe('"What kubectl really uses": the identity line', () => {
  it('a cluster kubectl has no context for says kubectl has no entry, not that a token failed', () => {
    const line = kubectlIdentityLine({ failure: { kind: 'no-context', message: 'no context in ~/.kube/config talks to arn:aws:eks:…' } });
    expect(line).toBe('none — kubectl has no entry for this cluster yet');
    expect(line).not.toMatch(/token/);
  });
  it('an entry that does not sign in with AWS, or a kubeconfig kubectl cannot read, is said as such', () => {
    expect(kubectlIdentityLine({ failure: { kind: 'not-exec', message: 'context a authenticates with a client certificate' } })).toMatch(/does not sign in with AWS/);
    expect(kubectlIdentityLine({ failure: { kind: 'kubeconfig-invalid', message: 'kubectl cannot load …' } })).toMatch(/cannot read its kubeconfig/);
  });
  it('a plugin that ran and failed still says the token could not be made; an identity is shown as is', () => {
    expect(kubectlIdentityLine({ failure: { kind: 'exec-failed', message: 'aws exited 255' } })).toBe('none — the token could not be made');
    expect(kubectlIdentityLine({ arn: 'arn:aws:iam::111122223333:user/ivan' })).toBe('arn:aws:iam::111122223333:user/ivan');
    expect(kubectlIdentityLine({})).toBe('—');
  });
});

describe('Identity Center: the line above "Accounts and roles"', () => {
  const url = 'https://acme.awsapps.com/start';
  it('when every account and role has a profile, says so and invites no choosing', () => {
    const line = identitiesSummary(url, 4, 0);
    expect(line).toBe(`${url} — every account and role here already has a profile.`);
    expect(line).not.toMatch(/0 of them|Choose/);
  });
  it('counts those without a profile in plain grammar, and invites saving them', () => {
    expect(identitiesSummary(url, 4, 1)).toBe(`${url} — 1 of them has no profile yet. Choose it to save it as a profile kubectl can use.`);
    expect(identitiesSummary(url, 4, 3)).toBe(`${url} — 3 of them have no profile yet. Choose some to save them as profiles kubectl can use.`);
    expect(identitiesSummary(url, 2, 2)).toMatch(/— All 2 have no profile yet\. Choose some/);
  });
});

describe('closing a fix wizard', () => {
  it('after only a preview, says nothing was changed — not that what was done stays done', () => {
    expect(closeWords(false)).toMatch(/^Nothing has been changed/);
    expect(closeWords(false)).not.toMatch(/stays done/);
  });
  it('after a step changed something, says it stays and where to undo it', () => {
    expect(closeWords(true)).toMatch(/already did stays done, and a note on the page keeps its Undo until you dismiss it/);
  });
});

describe('codes are never the headline', () => {
  it("a cluster's authentication mode is said in words", () => {
    expect(authModeWords('API_AND_CONFIG_MAP')).toBe('access entries and the aws-auth ConfigMap');
    expect(authModeWords('API')).toMatch(/^access entries only/);
    expect(authModeWords('CONFIG_MAP')).toMatch(/^the aws-auth ConfigMap only/);
    expect(authModeWords(undefined)).toBe('not known');
  });
  it("a cause's code is a line for searching, not a badge", () => {
    expect(causeCodeLine('NOT_MAPPED')).toBe('Technical name, to search for: NOT_MAPPED');
  });
  it('a network error code becomes what happened, at which address; the raw message stays as the detail', () => {
    expect(probeMessageWords('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:40243')).toEqual({
      words: 'Nothing answered at 127.0.0.1:40243 — the connection was refused',
      detail: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:40243',
    });
    expect(probeMessageWords('ENOTFOUND: getaddrinfo ENOTFOUND abc.gr7.eu-west-1.eks.amazonaws.com').words).toBe(
      'The name abc.gr7.eu-west-1.eks.amazonaws.com does not exist: no name server (DNS) knows its address',
    );
    expect(probeMessageWords('ETIMEDOUT: connect ETIMEDOUT 10.0.3.7:443').words).toMatch(/^No answer from 10\.0\.3\.7:443: the connection attempt timed out/);
    expect(probeMessageWords('UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate').words).toMatch(/its certificate is not signed by the cluster's certificate authority/);
    // Words stay words: no detail to add.
    expect(probeMessageWords("AWS rejects this profile's access key (InvalidClientTokenId): the key was deleted")).toEqual({ words: "AWS rejects this profile's access key (InvalidClientTokenId): the key was deleted" });
  });
  it("a profile's error code becomes what the person must do", () => {
    expect(profileErrorWords('MfaCodeNeeded', 'role arn:aws:iam::1:role/EKSAdmin needs a code from MFA device arn:aws:iam::1:mfa/alice')).toBe('This profile needs a code from your MFA device');
    expect(profileErrorWords('InvalidClientTokenId', 'The security token included in the request is invalid.')).toBe('AWS no longer accepts this access key — deleted or deactivated');
    expect(profileErrorWords('SomethingNew', 'what went wrong')).toBe('What went wrong');
  });
});

describe('the matrix row: the useful end of the identity', () => {
  it('shows the user or role name and the account, never the ARN cut before its name', () => {
    expect(identityShort('arn:aws:iam::111122223333:user/auditor')).toBe('auditor (user) · 111122223333');
    expect(identityShort('arn:aws:sts::111122223333:assumed-role/Developer/alice')).toBe('Developer (role) · 111122223333');
    expect(identityShort('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_2b7d4e6f8a9c0d1e/sso-user@example.com')).toBe('ReadOnly (SSO role) · 111122223333');
    expect(identityShort('arn:aws:iam::111122223333:role/teams/platform/Deployer')).toBe('Deployer (role) · 111122223333');
  });
});

describe('a command wraps only between its arguments', () => {
  it('cuts a command into arguments and spaces, quotes kept whole, and joins back to the same text', () => {
    const command = `aws iam put-user-policy --user-name auditor --policy-document '{"Action": ["eks:DescribeCluster"]}'   # note`;
    const pieces = commandPieces(command);
    expect(pieces.join('')).toBe(command);
    expect(pieces.filter((p) => p.trim())).toEqual(['aws', 'iam', 'put-user-policy', '--user-name', 'auditor', '--policy-document', `'{"Action": ["eks:DescribeCluster"]}'`, '#', 'note']);
  });
});

describe("the diagnosis's main fix: the command its button stands for", () => {
  const steps = [
    { title: 'Attach a policy', command: 'aws iam put-user-policy --user-name auditor' },
    { title: 'Then write the kubeconfig entry', command: 'aws eks update-kubeconfig --name checkout-prod --region eu-west-1 --profile auditor' },
  ];
  it("a kubeconfig fix's button runs its update-kubeconfig step; the steps an administrator does come first, apart", () => {
    expect(fixButtonCommands({ steps, kubeconfig: { profile: 'auditor', pinProfile: false } })).toEqual({ first: [steps[0]!.command], button: [steps[1]!.command] });
  });
  it("a grant's wizard does every step", () => {
    expect(fixButtonCommands({ steps })).toEqual({ first: [], button: steps.map((s) => s.command) });
  });
  it('says who does it: an IAM change first and then the app, or the app alone, never "the app does this" for a step it does not do', () => {
    expect(whoDoesFix({ steps, family: 'kubeconfig', kubeconfig: { profile: 'auditor', pinProfile: false } })).toMatch(/^Someone allowed to change IAM runs the first command; then the app does the rest/);
    expect(whoDoesFix({ steps: [steps[1]!], family: 'kubeconfig', kubeconfig: { profile: 'auditor', pinProfile: false } })).toMatch(/^The app does this: it shows the change first/);
    expect(whoDoesFix({ steps, family: 'access-entry' })).toMatch(/wizard/);
  });
  it('a kubeconfig fix whose only other step is the check after it: nobody runs anything first, and IAM is not named', () => {
    const write = { title: 'Write the kubeconfig entry', command: 'aws eks update-kubeconfig --name analytics --region us-east-1 --profile tom' };
    const check = { title: 'Check that kubectl gets in', command: 'kubectl get svc' };
    const fix = { steps: [write, check], family: 'kubeconfig' as const, kubeconfig: { profile: 'tom', pinProfile: false } };
    expect(fixButtonCommands(fix)).toEqual({ first: [], button: [write.command, check.command] });
    expect(whoDoesFix(fix)).toMatch(/^The app does this: it shows the change first/);
    // A first step that is not an IAM change is not said to be one.
    const login = { title: 'Sign in', command: 'aws sso login --profile tom' };
    expect(whoDoesFix({ ...fix, steps: [login, write, check] })).toMatch(/^You \(or someone allowed to\) run the first command; then the app does the rest/);
  });
});

describe('the Profiles page: where a profile\'s credentials come from', () => {
  it('says it in words, never the loader\'s "config+credentials"', () => {
    expect(credentialsFromWords({ source: 'config+credentials' })).toBe('your AWS config and credentials files');
    expect(credentialsFromWords({ source: 'credentials' })).toBe('your AWS credentials file');
    expect(credentialsFromWords({ source: 'config', sourceProfile: 'base' })).toBe('the profile base (source_profile)');
    expect(credentialsFromWords({ source: 'config', credentialSource: 'Ec2InstanceMetadata' })).toBe("this EC2 instance's role (credential_source = Ec2InstanceMetadata)");
    expect(credentialsFromWords({ source: 'config', sso: { startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' } })).toBe('a sign-in at https://acme.awsapps.com/start');
  });
});

describe('jargon a newcomer cannot read: plain words first, the technical name after', () => {
  it("the grant wizard says why it names the role, not the session AWS reported", () => {
    const note = grantedArnNote('arn:aws:sts::111122223333:assumed-role/Developer/alice', 'arn:aws:iam::111122223333:role/Developer');
    expect(note.words).toBe('You are signed in through a temporary session of the role Developer. EKS does not look at the session: it checks the role itself, so access is given to the role (arn:aws:iam::111122223333:role/Developer).');
    expect(note.words).not.toMatch(/sessions become|drop role paths/);
    expect(note.technical).toBe('In technical terms: an assumed-role session ARN matches as its IAM role ARN; aws-auth entries name roles without their path.');
    const withPath = grantedArnNote('arn:aws:sts::111122223333:assumed-role/EKSAdmin/kai', 'arn:aws:iam::111122223333:role/platform/EKSAdmin');
    expect(withPath.words).toContain("The role's path (/platform/) is kept for an access entry; an aws-auth entry must leave it out.");
  });

  it("the app's own check says what the outcome means; the code and the groups are the technical line", () => {
    const r = probeResultWords({ outcome: 'ACCESS', username: 'tom', groups: ['system:authenticated'] });
    expect(r.words).toBe('The app\'s own check: signed in, and may at least list services in the default namespace. Kubernetes knows you as "tom".');
    expect(r.words).not.toMatch(/ACCESS|system:authenticated/);
    expect(r.technical).toBe('Technical detail: outcome ACCESS; groups system:authenticated');
    expect(probeResultWords({ outcome: 'UNREACHABLE', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4' }).words).toContain('Nothing answered at 127.0.0.1:4 — the connection was refused.');
  });

  it("a cell's last command says what it checks, not which article asked for it", () => {
    const c = cellCommands('ops', { name: 'api', region: 'eu-west-1', arn: 'arn:aws:eks:eu-west-1:1:cluster/api', account: '1', endpoint: '' } as Parameters<typeof cellCommands>[1], '/tmp').at(-1)!;
    expect(c).toEqual({ title: "Check that kubectl gets in: list the services (the check AWS's troubleshooting guide suggests)", command: 'kubectl get svc --kubeconfig /tmp/eks-check-api' });
  });

  it("the Profiles page promises no app's default profile (every call of the app names its profile)", () => {
    expect(PROFILES_DESCRIPTION).toBe('Every profile of your AWS config and credentials files, with the identity AWS sees for it.');
    expect(PROFILES_DESCRIPTION).not.toMatch(/default/i);
  });
});

describe("an undo's commands by hand", () => {
  const preview = (steps: { title: string; command?: string }[]) => ({ backup: 'b-1', kind: 'aws-auth' as const, subject: 's', steps, diff: '', notes: [], problems: [] });
  it('are offered only when every step has one: a partial list would leave the grant in place', () => {
    const cli = '/usr/bin/node /home/me/app/bin/eks-access-doctor.cjs';
    const restore = `${cli} restore --backup b-1 --yes`;
    const binding = { title: 'Delete the binding', command: 'kubectl delete clusterrolebinding eks-access-doctor-view --context c' };
    expect(undoCommands(preview([{ title: 'Write kube-system/aws-auth back as it was before' }, binding]), cli)).toEqual([restore]);
    expect(undoCommands(preview([{ title: 'Delete the access entry', command: 'aws eks delete-access-entry …' }]), cli)).toEqual([`${restore}   # or by hand, instead:`, 'aws eks delete-access-entry …']);
  });
});
