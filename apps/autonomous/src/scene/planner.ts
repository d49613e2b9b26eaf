import { roadCentre, Scene } from './scene';

/** The manoeuvres the planner chooses from, in the order of the model's output units. */
export const MANOEUVRES = ['forward', 'slight_left', 'slight_right', 'sharp_left', 'sharp_right', 'stop'] as const;
export type Manoeuvre = (typeof MANOEUVRES)[number];

/** The car's half width plus a safety margin (m). */
export const CAR_CLEARANCE = 0.9;
/** A blocking obstacle closer than this (m) means stop. */
export const STOP_DISTANCE = 4;
/** Where the planner aims: the point of the chosen path this far ahead (m). */
export const LOOKAHEAD = 8;

/** Obstacles whose disc reaches into the straight corridor the car would drive through, nearest first. */
export function blockingObstacles(scene: Scene): Scene['obstacles'] {
  return scene.obstacles.filter((o) => o.y > 0 && Math.abs(o.x) < o.radius + CAR_CLEARANCE).sort((a, b) => a.y - b.y);
}

/**
 * A simple rule planner: stop when a blocking obstacle is nearer than STOP_DISTANCE; otherwise aim at the lane
 * centre LOOKAHEAD metres ahead — or, when an obstacle blocks the corridor, at the wider gap beside it — and
 * turn by the angle to that point: under 4° forward, under 14° slight, beyond that sharp.
 */
export function planManoeuvre(scene: Scene): Manoeuvre {
  const blocking = blockingObstacles(scene);
  if (blocking.length > 0 && blocking[0].y < STOP_DISTANCE) return 'stop';
  let targetX = roadCentre(scene, LOOKAHEAD);
  let targetY = LOOKAHEAD;
  if (blocking.length > 0) {
    const o = blocking[0];
    const centre = roadCentre(scene, o.y);
    const leftGap = o.x - o.radius - (centre - scene.halfWidth);
    const rightGap = centre + scene.halfWidth - (o.x + o.radius);
    targetX = rightGap > leftGap ? o.x + o.radius + CAR_CLEARANCE : o.x - o.radius - CAR_CLEARANCE;
    targetY = o.y;
  }
  const angle = Math.atan2(targetX, targetY) * (180 / Math.PI);
  const size = Math.abs(angle) < 4 ? 'forward' : Math.abs(angle) < 14 ? 'slight' : 'sharp';
  if (size === 'forward') return 'forward';
  return `${size}_${angle < 0 ? 'left' : 'right'}` as Manoeuvre;
}
