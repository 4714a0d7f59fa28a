-- Applies one event's writes atomically, with their change notices, unless already applied.
-- KEYS[1]: the serving-generation key; KEYS[2]: the position key; KEYS[3..2+g]: the guarded keys; then the key of
-- each operation.
-- ARGV[1]: the event's position ('' for a write without one: no check, and the position key is not touched);
-- ARGV[2]: the notice channel ('' publishes nothing: a rebuild's generation);
-- ARGV[3]: the generation the caller believes serves ('' for a rebuild: no check);
-- ARGV[4]: g, the number of guards; ARGV[5..4+g]: per guarded key, the SHA-1 of the value the caller read, or
-- 'absent' for a key that must not exist; then per operation:
--   doc  <json> <notice>                         SET, then publish the notice
--   feed <entry id> <n> <field value ...> <notice> XADD with the given id, then publish
--   zadd <score> <member> <notice head>          ZADD, publish head .. ZCARD .. '}'
--   zrem <member> <notice head>                  ZREM, publish head .. ZCARD .. '}' if it was there
--   sadd <member>                                SADD
--   set  <value>                                 SET, no notice
--   del                                          DEL
--   xdel <entry id>                              XDEL, no notice
-- Returns 1 applied, 0 already applied, -1 the serving generation is not ARGV[3], -2 a guarded key changed since the
-- caller read it (nothing written in either case); any failed operation but a duplicate feed entry is an error, and
-- the position stays where it was.
if ARGV[3] ~= '' and (redis.call('GET', KEYS[1]) or '0') ~= ARGV[3] then
  return -1
end
local positioned = ARGV[1] ~= ''
if positioned then
  local applied = tonumber(redis.call('GET', KEYS[2]) or '-1')
  if tonumber(ARGV[1]) <= applied then
    return 0
  end
end
local guards = tonumber(ARGV[4])
for g = 1, guards do
  local value = redis.call('GET', KEYS[2 + g])
  local seen = value and redis.sha1hex(value) or 'absent'
  if seen ~= ARGV[4 + g] then
    return -2
  end
end
local channel = ARGV[2]
local function publish(message)
  if channel ~= '' then
    redis.call('PUBLISH', channel, message)
  end
end
local a = 5 + guards
for k = 3 + guards, #KEYS do
  local key = KEYS[k]
  local op = ARGV[a]
  if op == 'doc' then
    redis.call('SET', key, ARGV[a + 1])
    publish(ARGV[a + 2])
    a = a + 3
  elseif op == 'feed' then
    local n = tonumber(ARGV[a + 2])
    local args = {'XADD', key, ARGV[a + 1]}
    for i = 1, n do
      args[#args + 1] = ARGV[a + 2 + i]
    end
    local added = redis.pcall(unpack(args))
    if type(added) ~= 'table' or not added.err then
      publish(ARGV[a + 3 + n])
    elseif not string.find(added.err, 'equal or smaller than the target stream top item', 1, true) then
      -- only an entry id at or below the stream's last one means this entry is there already; any other
      -- failure fails the event before its position advances, so it is delivered again
      return redis.error_reply(added.err)
    end
    a = a + 4 + n
  elseif op == 'zadd' then
    redis.call('ZADD', key, ARGV[a + 1], ARGV[a + 2])
    if channel ~= '' then
      publish(ARGV[a + 3] .. redis.call('ZCARD', key) .. '}')
    end
    a = a + 4
  elseif op == 'zrem' then
    if redis.call('ZREM', key, ARGV[a + 1]) == 1 and channel ~= '' then
      publish(ARGV[a + 2] .. redis.call('ZCARD', key) .. '}')
    end
    a = a + 3
  elseif op == 'sadd' then
    redis.call('SADD', key, ARGV[a + 1])
    a = a + 2
  elseif op == 'set' then
    redis.call('SET', key, ARGV[a + 1])
    a = a + 2
  elseif op == 'del' then
    redis.call('DEL', key)
    a = a + 1
  elseif op == 'xdel' then
    redis.call('XDEL', key, ARGV[a + 1])
    a = a + 2
  else
    return redis.error_reply('unknown operation ' .. tostring(op))
  end
end
if positioned then
  redis.call('SET', KEYS[2], ARGV[1])
end
return 1
