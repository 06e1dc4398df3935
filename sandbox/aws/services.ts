// Which handler serves which AWS service on the sandbox's one endpoint.
import { cloudtrailService } from './cloudtrail.js';
import { eksService } from './eks.js';
import { iamService } from './iam.js';
import { logsService } from './logs.js';
import { ssoOidcService } from './sso-oidc.js';
import { ssoPortalService } from './sso-portal.js';
import { stsService } from './sts.js';

export const awsServices = {
  signed: { sts: stsService, iam: iamService, eks: eksService, logs: logsService, cloudtrail: cloudtrailService },
  ssoOidc: ssoOidcService,
  ssoPortal: ssoPortalService,
};
