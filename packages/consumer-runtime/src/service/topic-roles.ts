import type { GroupSourceRoute, RetryTier } from '@tributary/contract';

/** What a topic the service reads is to it. */
export type TopicRole =
  | { readonly kind: 'source'; readonly route: GroupSourceRoute }
  | { readonly kind: 'tier'; readonly route: GroupSourceRoute; readonly tier: RetryTier };

/** Every topic the service consumes (its source topics and their tiers) with its role. */
export function topicRoles(routes: readonly GroupSourceRoute[]): ReadonlyMap<string, TopicRole> {
  const roles = new Map<string, TopicRole>();
  for (const route of routes) {
    roles.set(route.sourceTopic, { kind: 'source', route });
    for (const tier of route.tiers) roles.set(tier.topic, { kind: 'tier', route, tier });
  }
  return roles;
}
