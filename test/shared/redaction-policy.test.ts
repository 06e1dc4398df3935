// The app's one redaction policy (shared/redact.ts): by name and by shape, short values and long ones.
import { describe, expect, it } from 'vitest';
import { isSecretName, MASK, redact, redactArgs, redactEnvEntries, redactFileLines } from '../../shared/redact.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDfake+token/value==';
const BEARER = 'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('the redaction policy', () => {
  it.each([
    // by name, short values
    ['AWS_SECRET_ACCESS_KEY=abc AWS_PROFILE=dev', `AWS_SECRET_ACCESS_KEY=${MASK} AWS_PROFILE=dev`],
    ['AWS_SESSION_TOKEN=t0k', `AWS_SESSION_TOKEN=${MASK}`],
    ['VAULT_TOKEN=s.x1', `VAULT_TOKEN=${MASK}`],
    ['DB_PASSWORD=hunter2', `DB_PASSWORD=${MASK}`],
    ['MY_API_KEY=k1', `MY_API_KEY=${MASK}`],
    ['aws_secret_access_key = abc', `aws_secret_access_key = ${MASK}`],
    ['"sessionToken": "xyz"', `"sessionToken": "${MASK}"`],
    ['client-key-data: LS0t', `client-key-data: ${MASK}`],
    ['exec: helper --token abc --password=xyz --profile dev', `exec: helper --token ${MASK} --password=${MASK} --profile dev`],
    ['https://sts/?X-Amz-Credential=ASIAEXAMPLE123&X-Amz-Signature=ab12', `https://sts/?X-Amz-Credential=ASIAEXAMPLE123&X-Amz-Signature=${MASK}`],
    // by name, long values
    [`aws_secret_access_key=${SECRET_KEY}`, `aws_secret_access_key=${MASK}`],
    [`"SessionToken": "${SESSION_TOKEN}"`, `"SessionToken": "${MASK}"`],
    // by shape, whatever the name
    [`used ${SECRET_KEY} here`, `used ${MASK} here`],
    [`x ${SESSION_TOKEN}`, `x ${MASK}`],
    [`got ${BEARER}`, `got k8s-aws-v1.${MASK}`],
    ['got k8s-aws-v1.abc', `got k8s-aws-v1.${MASK}`],
    [`id token ${JWT} expired`, `id token ${MASK} expired`],
    ['Authorization: Bearer abcdefghijklmnop', `Authorization: Bearer ${MASK}`],
    // left alone: key ids, ARNs, paths, error codes, names that only mention a secret
    ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
    ['InvalidClientTokenId: The security token included in the request is invalid', 'InvalidClientTokenId: The security token included in the request is invalid'],
    ['ExpiredToken: the token expired', 'ExpiredToken: the token expired'],
    ['AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/token', 'AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/token'],
    ['signature_version = s3v4', 'signature_version = s3v4'],
    ['token:\n- next line stays', 'token:\n- next line stays'],
    ['arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_2b7d4e6f8a9c0d1e', 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_2b7d4e6f8a9c0d1e'],
    ['there is no backup analytics-us-east-1-2026-12-07T10-38-34-123Z-k3x9q2 in /home/u', 'there is no backup analytics-us-east-1-2026-12-07T10-38-34-123Z-k3x9q2 in /home/u'],
    // A key that names a field: the command stays one the user can copy.
    ['aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=CreateCluster', 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=CreateCluster'],
    ['--tags TagKey=team private_key=hunter2hunter2', '--tags TagKey=team private_key=****'],
  ])('%s', (input, want) => {
    expect(redact(input)).toBe(want);
  });

  it('decides secret names the same way for env vars, flags and keys', () => {
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'VAULT_TOKEN', 'GITHUB_TOKEN', 'SOME_KEY', 'MY_SECRET_THING', 'PGPASSWORD', 'DB_PASSWORD', '--token', '--client-secret', 'client-key-data', 'id-token', 'secretAccessKey', 'X-Amz-Security-Token']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_REGION', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CREDENTIAL_EXPIRATION', '--token-file', 'secretName', 'role_session_name', 'accessKeyId', 'name', 'value', 'certificate-authority-data', 'keys', 'AttributeKey', 'TagKey']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it('masks structured exec env entries and args by name whatever the length, and by shape', () => {
    expect(redactEnvEntries([{ name: 'AWS_PROFILE', value: 'dev' }, { name: 'AWS_SECRET_ACCESS_KEY', value: 'a' }, { name: 'X', value: BEARER }])).toEqual([
      { name: 'AWS_PROFILE', value: 'dev' }, { name: 'AWS_SECRET_ACCESS_KEY', value: MASK }, { name: 'X', value: `k8s-aws-v1.${MASK}` },
    ]);
    expect(redactArgs(['--token', 'ab', '--vault-token=cd', '--region', 'us-east-1', SECRET_KEY])).toEqual(['--token', MASK, `--vault-token=${MASK}`, '--region', 'us-east-1', MASK]);
  });

  it('masks a YAML or JSON file line by line: env values by the name before them, args after a secret flag', () => {
    const yaml = [
      '    env:', '    - name: AWS_PROFILE', '      value: dev', '    - name: AWS_SESSION_TOKEN', '      value: short',
      '    - name: VAULT_TOKEN', '      value: "s.1"', '    args:', '    - --token', '    - abc', '    - --password=p', '    - --region', '    - us-east-1',
    ];
    expect(redactFileLines(yaml)).toEqual([
      '    env:', '    - name: AWS_PROFILE', '      value: dev', '    - name: AWS_SESSION_TOKEN', `      value: ${MASK}`,
      '    - name: VAULT_TOKEN', `      value: "${MASK}"`, '    args:', '    - --token', `    - ${MASK}`, `    - --password=${MASK}`, '    - --region', '    - us-east-1',
    ]);
    const json = ['"env": [', '  {', '    "name": "AWS_SECRET_ACCESS_KEY",', '    "value": "abc"', '  }', '],', '"args": [', '  "--token",', '  "xyz",', '  "--region"', ']'];
    expect(redactFileLines(json)).toEqual(['"env": [', '  {', '    "name": "AWS_SECRET_ACCESS_KEY",', `    "value": "${MASK}"`, '  }', '],', '"args": [', '  "--token",', `  "${MASK}",`, '  "--region"', ']']);
  });
});
