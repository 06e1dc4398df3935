// The profiles service as the config file's profiles plus identities that are not saved yet (IAM Identity Center
// account × role rows): the diagnosis checks and signs in as them the way the matrix scan does.
import type { LoadedProfiles, ProfileDescriptor } from './load.js';
import { ProfilesService } from './service.js';
import type { ProfilesDeps } from './deps.js';

export class ProfilesWithUnsaved extends ProfilesService {
  constructor(deps: ProfilesDeps, private readonly unsaved: ProfileDescriptor[]) {
    super(deps);
  }

  override async load(refresh = false): Promise<LoadedProfiles> {
    const loaded = await super.load(refresh);
    for (const d of this.unsaved) if (!loaded.profiles.some((p) => p.name === d.name)) loaded.profiles.push(d);
    return loaded;
  }
}
