import { createClient } from './client';
import { electronTransport } from './electron-transport';
import { websocketTransport } from './websocket-transport';

/** The app's single client: the desktop bridge when present, web mode's socket otherwise. */
export const api = createClient(electronTransport() ?? websocketTransport());
