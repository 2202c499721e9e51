package dev.switchboard.server.redis;

/** When a command queued on a {@link RedisLane} is written to Redis. */
enum Dispatch {
    /** At once, with whatever is queued: for a charge that must reach Redis before the client's answer ends. */
    NOW,
    /** At the end of this event-loop turn, in one write with the turn's other commands: for what a request waits on. */
    THIS_TURN,
    /** With the next write, or {@link RedisLane#LATER_MILLIS} from now: for what nobody waits on. */
    LATER
}
