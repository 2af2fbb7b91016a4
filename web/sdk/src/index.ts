export { Watchdog, defaultWatchdogOptions, type WatchdogEffect, type WatchdogEvent, type WatchdogOptions, type WatchdogState } from './watchdog';
export { GraphQLClient, GraphQLRequestError, type GraphQLClientOptions, type GraphQLErrorEntry, type GraphQLResult } from './graphql';
export { Subscriptions, type Subscription, type SubscriptionsOptions } from './subscriptions';
export { RoomConnection, SignalError, type Channel, type Session, type SignalClientOptions, type SignalMessage, type SignalSocket } from './signalClient';
