export * from './workspace-projects';
export * from './module-boundaries';
