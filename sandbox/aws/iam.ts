// AWS IAM (query protocol, global endpoint): ListAccountAliases, the one IAM read the app makes.
import { AwsError } from './errors.js';
import { authorize } from './iam-authorize.js';
import { paramsOf, reply } from './sts.js';
import type { SignedServiceHandler } from './types.js';

const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export const iamService: SignedServiceHandler = (req, ctx) => {
  const p = paramsOf(req);
  const action = p.get('Action');
  switch (action) {
    case 'ListAccountAliases': {
      authorize(ctx, 'iam:ListAccountAliases', '*', 'AccessDenied');
      // An account has at most one alias.
      const alias = ctx.world.account(ctx.caller.account)?.alias;
      return reply(req, ctx, 'ListAccountAliases', { AccountAliases: alias ? { member: alias } : {}, IsTruncated: 'false' }, XMLNS);
    }
    case null:
      throw new AwsError(400, 'MissingAction', 'Missing Action');
    default:
      throw new AwsError(400, 'InvalidAction', `Could not find operation ${action.slice(0, 100)} for version ${p.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
  }
};
