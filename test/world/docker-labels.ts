// Every docker object the world creates carries this label, so `down` can find and remove exactly
// what the world made and nothing else.
export const WORLD_LABEL = 'dev.mailharbor.world';
export const WORLD_LABEL_ARG = `${WORLD_LABEL}=1`;
