// TypeDoc plugin of this repository: a router that gives the generated Chime shape types
// (the `Chime*Shapes` namespaces: some 1,200 request and response shapes) no page of their own.
// They are rendered on their namespace's page instead, with an anchor each, which keeps the
// site small (one page per namespace instead of one per shape) while every link still works.
import { KindRouter } from 'typedoc';

const SHAPES = /^Chime\w*Shapes$/;

class CloudTrailChimeRouter extends KindRouter {
  getPageKind(target) {
    for (let parent = target.parent; parent !== undefined; parent = parent.parent) {
      if (SHAPES.test(parent.name)) return undefined;
    }
    return super.getPageKind(target);
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.defineRouter('cloudtrail-chime', CloudTrailChimeRouter);
}
