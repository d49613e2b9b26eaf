export * from './workspace-projects';
export * from './module-boundaries';
export * from './package-manifests';
