// The redaction of everything the diagnosis shows, and the Markdown report built from a real diagnosis of
// hand-made evidence (helper I's fixture) into which fake secret-looking values were planted.
import { describe, expect, it } from 'vitest';
import { diagnoseEvidence } from '../../electron/diagnose/diagnose.js';
import { envSecrets, MASK, redact, redactKnown } from '../../shared/redact.js';
import { renderReportMarkdown, reportFile } from '../../electron/diagnose/report-markdown.js';
import { diagnosisView, kubeconfigTargetOf } from '../../electron/diagnose/view.js';
import { stepCommand } from '../../electron/diagnose/fix-command.js';
import { CAUSE_CODES, causeInfo, type CauseCode } from '../../shared/causes.js';
import { baseEvidence } from './evidence-fixture.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SANDBOX_LIKE_SECRET = 'ciBotSecretKey0000000000000000000000000001';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDfake+token/value==';
const BEARER = 'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ';
const SSO_TOKEN = 'aoaAAAAAGd1c2VyX3Nzb190b2tlbl9zYW5kYm94X2V4YW1wbGU6MTIz';
const SIGNATURE = 'a3f9c1d2e4b5a6978877665544332211aabbccddeeff00112233445566778899';
const PRESIGNED = `https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Credential=ASIAEXAMPLE123%2F20261129&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-Signature=${SIGNATURE}`;

describe('redact', () => {
  it('masks secret keys, session tokens, bearer tokens, SSO tokens and signatures; keeps key ids and ARNs', () => {
    const cases: Array<[string, string]> = [
      [`aws_secret_access_key = ${SECRET_KEY}`, `aws_secret_access_key = ${MASK}`],
      [`AWS_SECRET_ACCESS_KEY=${SANDBOX_LIKE_SECRET} AWS_PROFILE=admin`, `AWS_SECRET_ACCESS_KEY=${MASK} AWS_PROFILE=admin`],
      [`"SessionToken": "${SESSION_TOKEN}"`, `"SessionToken": "${MASK}"`],
      [`token: ${BEARER}`, `token: k8s-aws-v1.${MASK}`],
      [`"accessToken":"${SSO_TOKEN}"`, `"accessToken":"${MASK}"`],
      [`sso cache holds ${SSO_TOKEN}`, `sso cache holds ${MASK}`],
      [`secret ${SANDBOX_LIKE_SECRET} was used`, `secret ${MASK} was used`],
      ['Authorization: Bearer abcdefghijklmnop', `Authorization: Bearer ${MASK}`],
    ];
    for (const [input, want] of cases) expect(redact(input), input).toBe(want);
    const url = redact(PRESIGNED);
    expect(url).toContain(`X-Amz-Security-Token=${MASK}`);
    expect(url).toContain(`X-Amz-Signature=${MASK}`);
    expect(url).toContain('X-Amz-Credential=ASIAEXAMPLE123');
    expect(url).not.toContain(SIGNATURE);
    for (const harmless of [
      'access key AKIACIBOTBUILD000001 (ASIAEXAMPLE1234567890)',
      'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_ReadOnly_2b7d4e6f8a9c0d1e',
      'arn:aws:sts::111122223333:assumed-role/Deployer/jenkins-build-20261129-0001-abcdef',
      '/tmp/eks-sandbox-abcDEF123/home/.kube/config.eks-doctor-backup-20261129T151954Z',
      'overriding the profile: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY',
      'uid="aws-iam-authenticator:111122223333:AIDAJYTKWLIQMVJMIW6AJ"',
      'kubectl get svc --context arn:aws:eks:us-east-1:111122223333:cluster/events',
    ]) {
      expect(redact(harmless)).toBe(harmless);
    }
  });

  it('masks the exact secrets of the environment wherever they appear', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'short-but-secret', AWS_SESSION_TOKEN: 'tok.en.with.dots', AWS_PROFILE: 'admin', PWD: '/home/alice', OLDPWD: '/home/alice/src', DB_PWD: 'hunter2-hunter2' };
    expect(envSecrets(env).sort()).toEqual(['hunter2-hunter2', 'short-but-secret', 'tok.en.with.dots']);
    expect(redactKnown('stderr: signing with short-but-secret and tok.en.with.dots as admin in /home/alice/.kube/config', envSecrets(env))).toBe(`stderr: signing with ${MASK} and ${MASK} as admin in /home/alice/.kube/config`);
  });
});

describe('the one-click target of a fix', () => {
  it('shows a step as one command line: quoted where the shell needs it, placeholders as they are, follow-ups after &&', () => {
    expect(stepCommand({ argv: ['aws', 'eks', 'update-kubeconfig', '--name', 'my cluster', '--profile', "o'brien"] })).toBe(`aws eks update-kubeconfig --name 'my cluster' --profile 'o'\\''brien'`);
    expect(stepCommand({ argv: ['aws', 'eks', 'update-cluster-config', '--resources-vpc-config', 'publicAccessCidrs=<your-ip>/32', '--profile', '<admin-profile>'] })).toBe('aws eks update-cluster-config --resources-vpc-config publicAccessCidrs=<your-ip>/32 --profile <admin-profile>');
    expect(stepCommand({ argv: ['unzip', '-q', 'a.zip'], then: [['sudo', './aws/install']] })).toBe('unzip -q a.zip && sudo ./aws/install');
  });
  it('reads profile, role, alias and pinning from the step; refuses placeholders', () => {
    const step = (command: string) => ({ steps: [{ title: 't', argv: ['kubectl', 'get', 'svc'] }, { title: 't', argv: command.split(' ') }] });
    expect(kubeconfigTargetOf(step('aws eks update-kubeconfig --name events --region us-east-1 --profile ivan'))).toEqual({ profile: 'ivan', pinProfile: false });
    expect(kubeconfigTargetOf(step('eks-access-doctor update-kubeconfig --profile admin --cluster p --region us-east-1 --pin-profile'))).toEqual({ profile: 'admin', pinProfile: true });
    expect(kubeconfigTargetOf(step('aws eks update-kubeconfig --name e --profile dev --role-arn arn:aws:iam::111122223333:role/Admin --alias e'))).toEqual({
      profile: 'dev', roleArn: 'arn:aws:iam::111122223333:role/Admin', alias: 'e', pinProfile: false,
    });
    expect(kubeconfigTargetOf(step('aws eks update-kubeconfig --name e --region r --profile <creator-profile>'))).toBeUndefined();
    expect(kubeconfigTargetOf(step('eksctl create iamidentitymapping --cluster e --arn arn:aws:iam::1:user/x --profile admin'))).toBeUndefined();
  });
});

describe('the Markdown report', () => {
  /** Evidence with secret-looking values planted where free text flows: error messages, plugin stderr, log lines, aws-auth. */
  function plantedEvidence() {
    const e = baseEvidence();
    e.profileView = { ...e.profileView, status: 'invalid', error: { code: 'InvalidClientTokenId', message: `The security token included in the request is invalid (secret ${SANDBOX_LIKE_SECRET})` } } as typeof e.profileView;
    e.cells = e.cells.map((c) => (c.profile === 'dev' ? { ...c, outcome: 'UNAUTHORIZED', message: `401 with ${BEARER}` } : c));
    e.cell = e.cells.find((c) => c.profile === 'dev');
    Object.assign(e, {
      kubectl: {
        via: 'exec', envOverrides: ['AWS_SESSION_TOKEN'],
        exec: { command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'payments'], env: [{ name: 'AWS_SESSION_TOKEN', value: SESSION_TOKEN }], apiVersion: 'client.authentication.k8s.io/v1beta1' },
        failure: { kind: 'sts-rejected', message: `STS refused ${BEARER}`, stderr: `presigned ${PRESIGNED} with aws_secret_access_key=${SECRET_KEY}` },
      },
      logs: { ok: true, value: { identityLines: [`level=warning msg="access denied" token="${BEARER}" sso=${SSO_TOKEN}`], creatorLines: [] } },
    });
    return e;
  }

  it('names the primary cause and masks every planted secret', () => {
    const e = plantedEvidence();
    const d = diagnoseEvidence(e);
    const view = diagnosisView(d, e, redact, 1234);
    const at = new Date('2026-11-29T15:00:00Z');
    const md = renderReportMarkdown(view, at);
    expect(md).toMatch(/^# EKS access diagnosis: dev → /);
    const code = d.causes[0]!.code;
    expect(CAUSE_CODES).toContain(code);
    expect(md).toContain(`## Primary cause: ${causeInfo(code as CauseCode).title} (\`${code}\`)`);
    expect(md).toContain('## All evidence');
    for (const secret of [SECRET_KEY, SANDBOX_LIKE_SECRET, SESSION_TOKEN, encodeURIComponent(SESSION_TOKEN), SSO_TOKEN, SIGNATURE, BEARER.slice(11)]) {
      expect(md, secret).not.toContain(secret);
    }
    expect(md).toContain(MASK);
    // The view model the renderer gets is clean too.
    const json = JSON.stringify(view);
    for (const secret of [SECRET_KEY, SANDBOX_LIKE_SECRET, SESSION_TOKEN, SSO_TOKEN, SIGNATURE]) expect(json, secret).not.toContain(secret);
    // Even a redactor that lets everything through per field cannot leak: the whole text is redacted at the end.
    const leaky = diagnosisView(d, e, (t) => t, 1);
    expect(JSON.stringify(leaky)).toContain(SESSION_TOKEN); // the planted values are really there
    const md2 = renderReportMarkdown(leaky, at);
    for (const secret of [SECRET_KEY, SANDBOX_LIKE_SECRET, SESSION_TOKEN, SSO_TOKEN, SIGNATURE]) expect(md2, secret).not.toContain(secret);
  });

  it('is a .md file named after the cell', () => {
    const e = plantedEvidence();
    const view = diagnosisView(diagnoseEvidence(e), e, redact, 1);
    const file = reportFile(view, new Date('2026-11-29T15:04:05.678Z'));
    expect(file.mimeType).toBe('text/markdown');
    expect(file.filename).toMatch(/^eks-diagnosis-dev-[A-Za-z0-9_.-]+-20261129T150405Z\.md$/);
  });
});
