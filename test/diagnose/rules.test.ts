// The rules on hand-built evidence: one case per catalogue code, the order of several causes, the unknowns.
// The rules about kubectl's own entry for the cluster are in rules-kubectl.test.ts; the creator and the matching in
// rules-creator-match.test.ts.
import { describe, expect, it } from 'vitest';
import { CAUSE_CODES, CAUSES } from '../../shared/causes.js';
import { diagnoseEvidence } from '../../electron/diagnose/diagnose.js';
import { skewFromMessage } from '../../electron/diagnose/clock-skew.js';
import { ACCOUNT, asRole, baseEvidence, cell, CLUSTER_ARN, DEV_ARN, NODES, unauthorizedEvidence } from './evidence-fixture.js';
import { codes, said } from './diagnosed.js';
import { fixJson, stepCommand } from '../../electron/diagnose/fix-command.js';
import { redact } from '../../shared/redact.js';

describe('the catalogue', () => {
  it('has a title and a two-sentence explanation for every catalogue code', () => {
    expect(CAUSE_CODES).toHaveLength(23);
    for (const code of CAUSE_CODES) {
      expect(CAUSES[code].title.length).toBeGreaterThan(10);
      expect(CAUSES[code].explanation.split(/(?<=\.)\s+/).length).toBe(2);
    }
  });
});

describe('one rule per code', () => {
  it('OK: the identity gets in, no fix', () => {
    const d = diagnoseEvidence(baseEvidence());
    expect(d.causes.map((c) => c.code)).toEqual(['OK']);
    expect(d.fixes).toEqual([]);
    expect(d.outcome).toBe('ADMIN');
  });

  it('CREDENTIALS_MISSING: no keys at all', () => {
    const e = baseEvidence();
    e.profileView = { ...e.profileView, status: 'error', identity: undefined, error: { code: 'CredentialsMissing', message: 'profile "dev" holds no credentials' } };
    e.cell = cell('dev', 'NO_CREDENTIALS');
    expect(codes(e)[0]).toBe('CREDENTIALS_MISSING');
    expect(stepCommand(diagnoseEvidence(e).fixes[0]!.steps[0]!)).toBe('aws configure --profile dev');
  });

  it('CREDENTIALS_INVALID: InvalidClientTokenId', () => {
    const e = baseEvidence();
    e.profileView = { ...e.profileView, status: 'invalid', identity: undefined, error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } };
    e.cell = cell('dev', 'UNAUTHORIZED');
    expect(codes(e)[0]).toBe('CREDENTIALS_INVALID');
    expect(said(e)).toContain('InvalidClientTokenId');
  });

  it('CREDENTIALS_EXPIRED: SSO sign-in expired → aws sso login', () => {
    const e = baseEvidence();
    e.profileView = { ...e.profileView, type: 'sso', sso: { startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1' }, status: 'sso-login-needed', identity: undefined, error: { code: 'SsoTokenExpired', message: 'the SSO sign-in expired' } };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('CREDENTIALS_EXPIRED');
    expect(fixJson(d.fixes[0]!)).toMatchObject({ id: 'sso-login', steps: [{ command: 'aws sso login --profile dev' }, { command: 'aws sts get-caller-identity --profile dev' }] });
  });

  it('MFA_REQUIRED: the role wants a code', () => {
    const e = baseEvidence();
    e.profileView = { ...e.profileView, status: 'mfa-needed', mfaSerial: `arn:aws:iam::${ACCOUNT}:mfa/dev`, identity: undefined, error: { code: 'MfaCodeNeeded', message: 'needs a code' } };
    expect(codes(e)[0]).toBe('MFA_REQUIRED');
    expect(said(e)).toContain(`arn:aws:iam::${ACCOUNT}:mfa/dev`);
  });

  it("CLOCK_SKEW: AWS's answer tells the skew, which beats the credential error", () => {
    const message = 'Signature expired: 20261129T150204Z is now earlier than 20261129T155704Z (20261129T160204Z - 5 min.)';
    expect(skewFromMessage(message, new Date('2026-11-29T15:02:04Z'))).toBe(3600);
    expect(skewFromMessage('The security token included in the request is invalid.', new Date())).toBeUndefined();
    const e = baseEvidence();
    e.profileView = { ...e.profileView, status: 'invalid', identity: undefined, error: { code: 'SignatureDoesNotMatch', message } };
    e.cells = [cell('dev', 'UNAUTHORIZED', { message: '401 Unauthorized' })];
    e.cell = e.cells[0];
    e.clockSkewSeconds = 3600;
    expect(codes(e)).toEqual(['CLOCK_SKEW']);
    expect(said(e)).toContain('60 min behind');
    e.clockSkewSeconds = 30;
    expect(codes(e)[0]).toBe('CREDENTIALS_INVALID');
  });

  it('NO_EKS_PERMISSION: DescribeCluster denied comes first where kubectl has no entry yet (update-kubeconfig needs it)', () => {
    const e = baseEvidence();
    e.ownDescribe = { ok: false, via: 'dev', failure: { code: 'AccessDeniedException', message: `User: ${DEV_ARN} is not authorized to perform: eks:DescribeCluster` } };
    e.kubectl = { via: 'none', envOverrides: [], failure: { kind: 'no-context', message: 'no context talks to the cluster' } };
    expect(codes(e)).toEqual(['NO_EKS_PERMISSION', 'NO_KUBECONFIG_ENTRY', 'OK']);
    expect(stepCommand(diagnoseEvidence(e).fixes[0]!.steps[0]!)).toContain('aws iam put-user-policy --user-name dev');
    // Where the identity does not get in, the denied EKS API comes before everything but credentials.
    e.cells[0] = cell('dev', 'UNAUTHORIZED', { message: '401 Unauthorized' });
    e.cell = e.cells[0];
    expect(codes(e)[0]).toBe('NO_EKS_PERMISSION');
  });

  it('CLUSTER_NOT_FOUND: nobody finds it, DescribeCluster says so', () => {
    const e = baseEvidence();
    delete e.cluster;
    e.cells = [];
    delete e.cell;
    e.ownDescribe = { ok: false, via: 'dev', failure: { code: 'ResourceNotFoundException', message: 'No cluster found for name: shop.' } };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('CLUSTER_NOT_FOUND');
    expect(d.cluster.arn).toBe(CLUSTER_ARN);
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('aws eks list-clusters --region us-east-1 --profile dev');
  });

  it('ENDPOINT_UNREACHABLE: private endpoint', () => {
    const e = baseEvidence();
    e.cluster!.endpointPublicAccess = false;
    e.cluster!.endpointPrivateAccess = true;
    e.cells = [cell('dev', 'UNREACHABLE', { message: 'ECONNREFUSED: connect ECONNREFUSED' })];
    e.cell = e.cells[0];
    expect(codes(e)[0]).toBe('ENDPOINT_UNREACHABLE');
    expect(said(e)).toContain('endpointPublicAccess=false');
  });

  it('ENDPOINT_UNREACHABLE: the fix runs as the profile known to own the cluster; a placeholder only when none is, said in words', () => {
    const e = baseEvidence();
    e.cluster!.endpointPublicAccess = false;
    e.cells = [cell('dev', 'UNREACHABLE', { message: 'ECONNREFUSED' }), cell('admin', 'UNREACHABLE', { message: 'ECONNREFUSED' })];
    e.cell = e.cells[0];
    const fix = () => diagnoseEvidence(e).fixes.find((f) => f.id === 'endpoint-access')!;
    const step = () => fix().steps.find((s) => s.argv[2] === 'update-cluster-config')!;
    // The way that keeps the cluster private comes first; opening it to the internet last, with its risk said.
    expect(fix().steps.map((s) => s.argv.join(' '))).toEqual(['kubectl get svc', 'curl -s https://checkip.amazonaws.com', expect.stringMatching(/^aws eks update-cluster-config /)]);
    expect(fix().steps[0]!.title).toMatch(/^Preferred: reach it from inside the cluster's private network \(its VPC\)/);
    expect(step().caution).toMatch(/^This exposes the cluster's API endpoint to the internet/);
    expect(step().caution).toContain('never to 0.0.0.0/0');
    const update = 'aws eks update-cluster-config --name shop --region us-east-1 --resources-vpc-config endpointPublicAccess=true,publicAccessCidrs=<your-ip>/32';
    // The creator's profile (no cell works: nobody is known as an administrator through Kubernetes).
    expect(stepCommand(step())).toBe(`${update} --profile admin`);
    expect(step().title).toContain('run this with your profile admin (it created the cluster)');
    expect(step().title).toContain("this machine's public IP address in place of <your-ip>");
    expect(step().title).not.toContain('<admin-profile>');
    // The diagnosed profile itself created the cluster.
    e.creator = { arn: DEV_ARN, source: 'cloudtrail', notes: [] };
    expect(stepCommand(step())).toBe(`${update} --profile dev`);
    // Nobody known: the placeholder stays, and the words say what goes there.
    e.creator = { notes: ['no source answered'] };
    expect(stepCommand(step())).toBe(`${update} --profile <admin-profile>`);
    expect(step().title).toContain("with a profile allowed to change the cluster's settings (put its name in place of <admin-profile>)");
    // The facts survive the redaction every view applies (a name with "private" in it holds a secret there).
    const facts = diagnoseEvidence(e).causes[0]!.evidence[0]!;
    expect(facts).toBe('DescribeCluster: endpointPublicAccess=false (public access off), endpointPrivateAccess false (private access off)');
    expect(redact(facts)).toBe(facts);
  });

  it('NO_KUBECONFIG_ENTRY: before OK, whether or not you use kubectl with this profile elsewhere', () => {
    const e = baseEvidence();
    e.kubectl = { via: 'none', envOverrides: [], currentContext: 'staging', failure: { kind: 'no-context', message: 'no context talks to the cluster' } };
    delete e.server;
    expect(codes(e)).toEqual(['NO_KUBECONFIG_ENTRY', 'OK']);
    expect(stepCommand(diagnoseEvidence(e).fixes[0]!.steps[0]!)).toBe('aws eks update-kubeconfig --name shop --region us-east-1 --profile dev');
    e.kubeconfigProfiles = ['someone-else'];
    // The profile works, kubectl has no entry: kubectl's cause is the answer, never OK.
    expect(codes(e)).toEqual(['NO_KUBECONFIG_ENTRY', 'OK']);
  });

  it('KUBECONFIG_STALE: the server is not the cluster endpoint', () => {
    const e = baseEvidence();
    e.server = { serverMatches: false, caMatches: false, kubeconfigServer: 'https://old.example:443', clusterEndpoint: 'https://shop.example:443', caSource: 'data' };
    expect(codes(e)).toEqual(['KUBECONFIG_STALE', 'OK']);
    expect(said(e)).toContain('kubeconfig server: https://old.example:443');
  });

  it('EXEC_PLUGIN_BROKEN: v1alpha1', () => {
    const e = baseEvidence();
    e.kubectl = { ...e.kubectl!, arn: undefined, canonicalArn: undefined, exec: { ...e.kubectl!.exec!, apiVersion: 'client.authentication.k8s.io/v1alpha1' }, failure: { kind: 'invalid-api-version', message: 'exec plugin: invalid apiVersion "client.authentication.k8s.io/v1alpha1"' } };
    expect(codes(e)[0]).toBe('EXEC_PLUGIN_BROKEN');
    expect(said(e)).toContain('apiVersion client.authentication.k8s.io/v1alpha1');
  });

  it('ENV_CREDENTIALS_OVERRIDE: env keys make kubectl present another ARN than AWS_PROFILE', () => {
    const e = baseEvidence();
    const ci = `arn:aws:iam::${ACCOUNT}:user/ci-bot`;
    e.kubectl = { ...e.kubectl!, arn: ci, canonicalArn: ci, envOverrides: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['ENV_CREDENTIALS_OVERRIDE', 'OK']);
    expect(said(e)).toContain('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY');
    // The one the app applies (and that cures it in every shell) first, then what only the user can do.
    expect(d.fixes.map((f) => f.id)).toEqual(['pin-profile', 'unset-env-credentials']);
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('eks-access-doctor update-kubeconfig --profile dev --cluster shop --region us-east-1 --pin-profile');
    expect(stepCommand(d.fixes[1]!.steps[0]!)).toBe('unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY');
  });

  it('ENV_CREDENTIALS_OVERRIDE: the pin names the profile of kubectl\'s entry when it is saved, else the diagnosed one and says why', () => {
    const ci = `arn:aws:iam::${ACCOUNT}:user/ci-bot`;
    const pinWith = (awsProfile: string) => {
      const e = baseEvidence();
      e.kubectl = { ...e.kubectl!, arn: ci, canonicalArn: ci, envOverrides: ['AWS_ACCESS_KEY_ID'], exec: { ...e.kubectl!.exec!, env: [{ name: 'AWS_PROFILE', value: awsProfile }] } };
      return diagnoseEvidence(e).fixes.find((f) => f.id === 'pin-profile')!;
    };
    expect(pinWith('admin').params).toEqual({ profile: 'admin' });
    const fix = pinWith('team-dev');
    expect(fix.params).toEqual({ profile: 'dev' });
    expect(stepCommand(fix.steps[0]!)).toBe('eks-access-doctor update-kubeconfig --profile dev --cluster shop --region us-east-1 --pin-profile');
    expect(fix.steps[0]!.title).toContain("kubectl's entry names profile team-dev, which is not one of your profiles, so it gets dev, the one diagnosed");
  });

  it('KUBECONFIG_IDENTITY_MISMATCH: you hold the creator profile and nobody else was ever mapped', () => {
    const e = unauthorizedEvidence();
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['KUBECONFIG_IDENTITY_MISMATCH', 'NOT_MAPPED']);
    expect(fixJson(d.fixes[0]!)).toMatchObject({ id: 'use-working-profile', steps: [{ command: 'aws eks update-kubeconfig --name shop --region us-east-1 --profile admin' }, { command: 'kubectl get svc' }] });
    expect(d.fixes[0]!.params).toEqual({ profile: 'admin' });
    expect(d.creator).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:user/boss`, source: 'authenticator-log', isThisIdentity: false, isOneOfYourProfiles: 'admin' });
  });

  it('NOT_MAPPED: others are mapped (a team cluster), you are not', () => {
    const e = unauthorizedEvidence(`- userarn: arn:aws:iam::${ACCOUNT}:user/sara\n  username: sara\n  groups:\n    - system:masters\n`);
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('NOT_MAPPED');
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe(`eksctl create iamidentitymapping --cluster shop --region us-east-1 --arn ${DEV_ARN} --username dev --group <group> --profile admin`);
    expect(said(e)).toContain('ARN is not mapped');
  });

  it('NOT_MAPPED with aws-auth unreadable: says what is unknown and how to find out', () => {
    const e = unauthorizedEvidence(`- userarn: arn:aws:iam::${ACCOUNT}:user/sara\n  username: sara\n  groups: [x]\n`);
    delete e.awsAuth;
    e.cells[1] = cell('admin', 'ACCESS', { username: 'sara' });
    e.logs = { ok: true, via: 'dev', value: { identityLines: [], creatorLines: ['arn="x" username=kubernetes-admin'] } };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('NOT_MAPPED');
    expect(d.causes[0]!.detail).toContain('as far as the evidence goes');
    expect(d.unknowns.map((u) => u.what)).toContain('what aws-auth maps');
    expect(said(e)).toContain('unknown: what aws-auth maps');
  });

  it('an unknown creator: where the app looked is said once, in the unknowns; the evidence only names it', () => {
    const e = unauthorizedEvidence(`- userarn: arn:aws:iam::${ACCOUNT}:user/sara\n  username: sara\n  groups: [x]\n`);
    const note = "CloudTrail has no CreateCluster event for the cluster (created 120 days ago, beyond CloudTrail's 90-day history)";
    e.creator = { notes: [note] };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('NOT_MAPPED');
    expect(d.unknowns.find((u) => u.what === 'who created the cluster')?.why).toBe(note);
    const evidence = d.causes.flatMap((c) => c.evidence);
    expect(evidence.filter((l) => l.includes(note))).toEqual([]);
    expect(evidence).toContain('cluster creator: unknown');
    expect(evidence).toContain('unknown: who created the cluster — why, and how to find out, in the unknowns below');
  });

  it('MAPPED_WITH_PATH: an SSO role named with its aws-reserved path', () => {
    const role = 'AWSReservedSSO_Dev_0123456789abcdef';
    const e = asRole(unauthorizedEvidence('', `${NODES}- rolearn: arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/us-east-1/${role}\n  username: sso:{{SessionName}}\n  groups:\n    - system:masters\n`), role);
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('MAPPED_WITH_PATH');
    expect(said(e)).toContain('path that breaks the match: /aws-reserved/sso.amazonaws.com/us-east-1/');
    expect(d.fixes[0]!.id).toBe('map-role-without-path');
    expect(stepCommand(d.fixes[0]!.steps[1]!)).toContain(`--arn arn:aws:iam::${ACCOUNT}:role/${role} --username 'sso:{{SessionName}}' --group system:masters`);
  });

  it('MAPPED_SESSION_ARN: the session ARN copied from get-caller-identity', () => {
    const e = asRole(unauthorizedEvidence('', `${NODES}- rolearn: arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/jenkins\n  username: deployer\n  groups:\n    - system:masters\n`), 'Deployer');
    expect(codes(e)[0]).toBe('MAPPED_SESSION_ARN');
  });

  it('MAPPING_NEAR_MISS: a typo two characters away', () => {
    const e = unauthorizedEvidence(`- userarn: arn:aws:iam::${ACCOUNT}:user/dve\n  username: dev\n  groups:\n    - system:masters\n`);
    expect(codes(e)[0]).toBe('MAPPING_NEAR_MISS');
    expect(said(e)).toContain('2 characters away');
  });

  it('AWS_AUTH_INVALID: the item for you is dropped as malformed', () => {
    const e = asRole(unauthorizedEvidence('', `${NODES}- rolearn: arn:aws:iam::${ACCOUNT}:role/SRE\n  username: sre\n  groups: system:masters\n`), 'SRE');
    expect(codes(e)[0]).toBe('AWS_AUTH_INVALID');
    expect(said(e)).toContain('groups must be a list of strings');
  });

  it('AWS_AUTH_INVALID: a key that is not YAML names you → the whole key is ignored, line and column shown', () => {
    const broken = `${NODES}- rolearn: arn:aws:iam::${ACCOUNT}:role/SRE\n  username: sre\n  groups: [system:masters\n`;
    const e = asRole(unauthorizedEvidence('', broken), 'SRE');
    expect(codes(e)[0]).toBe('AWS_AUTH_INVALID');
    expect(codes(e)).not.toContain('NOT_MAPPED');
    expect(said(e)).toContain('aws-auth mapRoles is malformed and ignored as a whole: not valid YAML at line 8, column 26');
    expect(said(e)).toContain(`mapRoles line 6 names this identity: - rolearn: arn:aws:iam::${ACCOUNT}:role/SRE`);
  });

  it('AWS_AUTH_INVALID: your own entry is valid, but another item of its key does not decode → ignored with it', () => {
    const nodesAsString = NODES.replace('  groups:\n    - system:bootstrappers\n    - system:nodes\n', '  groups: system:nodes\n');
    const e = asRole(unauthorizedEvidence('', `${nodesAsString}- rolearn: arn:aws:iam::${ACCOUNT}:role/SRE\n  username: sre\n  groups: [system:masters]\n`), 'SRE');
    expect(codes(e)[0]).toBe('AWS_AUTH_INVALID');
    expect(said(e)).toContain('does not decode (item #1: groups must be a list of strings)');
    expect(said(e)).toContain(`mapRoles entries ignored with it: arn:aws:iam::${ACCOUNT}:role/SRE`);
  });

  it('AWS_AUTH_INVALID before NOT_MAPPED: nothing names you, but a key is ignored as a whole', () => {
    const e = unauthorizedEvidence('- userarn: [not, an, arn]\n  username: x\n');
    expect(codes(e)[0]).toBe('AWS_AUTH_INVALID');
    expect(codes(e)).toContain('NOT_MAPPED');
    expect(said(e)).toContain('possibly this identity');
    expect(said(e)).toContain('userarn must be a string');
  });

  it('no AWS_AUTH_INVALID when the keys parse, or when another key maps you', () => {
    expect(codes(unauthorizedEvidence())).not.toContain('AWS_AUTH_INVALID');
    const mappedAsUser = unauthorizedEvidence(`- userarn: ${DEV_ARN}\n  username: dev\n  groups: [viewers]\n`, `- rolearn: x\n  groups: oops\n`);
    expect(codes(mappedAsUser)).not.toContain('AWS_AUTH_INVALID');
  });

  it('CONFIGMAP_IGNORED: API mode, mapped only in aws-auth → an access entry', () => {
    const e = asRole(unauthorizedEvidence('', `${NODES}- rolearn: arn:aws:iam::${ACCOUNT}:role/Developer\n  username: dev\n  groups:\n    - system:masters\n`), 'Developer');
    e.cluster!.authenticationMode = 'API';
    e.accessEntries = { ok: true, via: 'admin', value: [{ principalArn: `arn:aws:iam::${ACCOUNT}:user/boss`, kubernetesGroups: [], createdAt: e.cluster!.createdAt, policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', scope: 'cluster', namespaces: [] }] }] };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('CONFIGMAP_IGNORED');
    expect(d.fixes[0]!.id).toBe('create-access-entry');
    expect(d.fixes[0]!.steps.map(stepCommand)).toEqual([
      `aws eks create-access-entry --cluster-name shop --region us-east-1 --principal-arn arn:aws:iam::${ACCOUNT}:role/Developer --profile admin`,
      `aws eks associate-access-policy --cluster-name shop --region us-east-1 --principal-arn arn:aws:iam::${ACCOUNT}:role/Developer --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=cluster --profile admin`,
    ]);
  });

  it('FORBIDDEN: an access entry without policy', () => {
    const e = baseEvidence();
    e.cluster!.authenticationMode = 'API';
    e.cells[0] = cell('dev', 'FORBIDDEN', { username: DEV_ARN, groups: ['system:authenticated'] });
    e.cell = e.cells[0];
    e.accessEntries = { ok: true, via: 'admin', value: [{ principalArn: DEV_ARN, kubernetesGroups: [], policies: [] }] };
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('FORBIDDEN');
    expect(d.fixes[0]!.id).toBe('associate-access-policy');
  });

  it('FORBIDDEN without an access entry: the RoleBinding to create is data, and its command line shows the same binding', () => {
    const e = baseEvidence();
    e.cells[0] = cell('dev', 'FORBIDDEN', { username: "o'brien x", groups: ['system:authenticated'] });
    e.cell = e.cells[0];
    const d = diagnoseEvidence(e);
    expect(d.fixes[0]!.id).toBe('rbac-binding');
    expect(d.fixes[0]!.params.roleBinding).toEqual({ name: 'o-brien-x-view', namespace: 'default', clusterRole: 'view', subject: { kind: 'User', name: "o'brien x" } });
    expect(d.fixes[0]!.steps[0]!.argv).toEqual(['kubectl', 'create', 'rolebinding', 'o-brien-x-view', '--clusterrole=view', "--user=o'brien x", '--namespace', 'default']);
    expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe(`kubectl create rolebinding o-brien-x-view --clusterrole=view '--user=o'\\''brien x' --namespace default`);
  });

  it('ACCESS_ENTRY_STALE: an entry names the identity, yet 401 — re-created with the same username, groups and scoped policies', () => {
    const e = asRole(unauthorizedEvidence(), 'Deployer', '/ci/');
    e.cluster!.authenticationMode = 'API';
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`;
    e.accessEntries = { ok: true, via: 'admin', value: [{ principalArn: roleArn, username: 'deployer', kubernetesGroups: ['deployers'], createdAt: '2026-02-01T00:00:00.000Z', policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', scope: 'namespace', namespaces: ['default', 'web'] }] }] };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['ACCESS_ENTRY_STALE']);
    expect(d.causes[0]!.detail).toContain('deleted and re-created');
    expect(d.fixes[0]!.id).toBe('recreate-access-entry');
    expect(d.fixes[0]!.steps.map(stepCommand)).toEqual([
      `aws eks delete-access-entry --cluster-name shop --principal-arn ${roleArn} --region us-east-1 --profile admin`,
      `aws eks create-access-entry --cluster-name shop --principal-arn ${roleArn} --username deployer --kubernetes-groups deployers --region us-east-1 --profile admin`,
      `aws eks associate-access-policy --cluster-name shop --principal-arn ${roleArn} --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy --access-scope type=namespace,namespaces=default,web --region us-east-1 --profile admin`,
      'kubectl get svc',
    ]);
    // CONFIG_MAP mode never reads access entries: the rule stays silent there.
    e.cluster!.authenticationMode = 'CONFIG_MAP';
    expect(codes(e)).not.toContain('ACCESS_ENTRY_STALE');
  });

  it('CREATOR_GONE: nobody gets in and the creator no longer signs in', () => {
    const e = unauthorizedEvidence();
    e.cells[1] = cell('admin', 'UNAUTHORIZED');
    delete e.awsAuth;
    e.creator = { notes: ['CloudTrail has no CreateCluster event for the cluster'] };
    const d = diagnoseEvidence(e);
    expect(d.causes.map((c) => c.code)).toEqual(['CREATOR_GONE', 'NOT_MAPPED']);
    expect(d.creator.isThisIdentity).toBeNull();
    expect(d.unknowns.map((u) => u.what)).toEqual(expect.arrayContaining(['what aws-auth maps', 'who created the cluster']));
  });
});

describe('order and shape', () => {
  it('credentials before the mapping, the mapping before kubectl when the identity is refused', () => {
    const e = unauthorizedEvidence(`- userarn: arn:aws:iam::${ACCOUNT}:user/sara\n  username: sara\n  groups: [x]\n`);
    e.server = { ...e.server!, serverMatches: false };
    expect(codes(e)).toEqual(['NOT_MAPPED', 'KUBECONFIG_STALE']);
    e.profileView = { ...e.profileView, status: 'expired', error: { code: 'ExpiredToken', message: 'expired' } };
    expect(codes(e)[0]).toBe('CREDENTIALS_EXPIRED');
  });

  it('every code of the catalogue is reachable from the rules above', () => {
    // Guard: a new code added to the catalogue needs a rule and a test here.
    const tested = ['OK', 'CREDENTIALS_MISSING', 'CREDENTIALS_INVALID', 'CREDENTIALS_EXPIRED', 'MFA_REQUIRED', 'CLOCK_SKEW', 'NO_EKS_PERMISSION', 'CLUSTER_NOT_FOUND', 'ENDPOINT_UNREACHABLE', 'NO_KUBECONFIG_ENTRY', 'KUBECONFIG_STALE', 'EXEC_PLUGIN_BROKEN', 'ENV_CREDENTIALS_OVERRIDE', 'KUBECONFIG_IDENTITY_MISMATCH', 'NOT_MAPPED', 'MAPPED_WITH_PATH', 'MAPPED_SESSION_ARN', 'MAPPING_NEAR_MISS', 'AWS_AUTH_INVALID', 'CONFIGMAP_IGNORED', 'FORBIDDEN', 'CREATOR_GONE', 'ACCESS_ENTRY_STALE'];
    expect([...tested].sort()).toEqual([...CAUSE_CODES].sort());
  });
});
