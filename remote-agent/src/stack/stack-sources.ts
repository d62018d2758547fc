// The mail-stack files, bundled into the agent as text: the agent installs exactly the files this
// app version was built and tested with, without a second upload.
import composeFile from '../../../mail-stack/docker-compose.yml?raw';
import envDefaults from '../../../mail-stack/env.defaults?raw';
import nginxConf from '../../../mail-stack/nginx.conf?raw';

export const stackSources = { composeFile, envDefaults, nginxConf } as const;
