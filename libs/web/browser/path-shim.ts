// The `path` of the browser build: Mimo's data code resolves file cells with `path.resolve`; in the browser a
// cell holds an image key (IMAGE_KEY_PREFIX), which stays as it is. Other paths are joined with '/'.
import { IMAGE_KEY_PREFIX } from './image-store';

export function resolve(...parts: string[]): string {
  return parts.filter(Boolean).reduce((joined, part) => (part.startsWith(IMAGE_KEY_PREFIX) || part.startsWith('/') ? part : `${joined}/${part}`), '');
}

// Modules the browser entry imports but never calls (bundle files, checkpoints) also name these.
export const join = (...parts: string[]): string => parts.filter(Boolean).join('/');
export const dirname = (file: string): string => file.slice(0, Math.max(0, file.lastIndexOf('/'))) || '/';
export const basename = (file: string): string => file.slice(file.lastIndexOf('/') + 1);
export const isAbsolute = (file: string): boolean => file.startsWith('/') || file.startsWith(IMAGE_KEY_PREFIX);
