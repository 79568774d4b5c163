-- Headless Neovim (0.7.2, Debian bookworm) as a real LSP client of
-- `goroot-lens serve --stdio`. Adapted from shared/recipes/neovim/init.lua.
-- Run from the workspace that holds go.mod:
--   cd WORKSPACE && XDG_CONFIG_HOME=… XDG_DATA_HOME=… XDG_CACHE_HOME=… XDG_STATE_HOME=… \
--   LSPTEST_SERVER=/path/to/goroot-lens LSPTEST_NVIM_OUT=RUNDIR/out.json \
--   nvim --headless -i NONE -u init.lua go.mod
-- Environment:
--   LSPTEST_SERVER         the goroot-lens binary (required)
--   LSPTEST_NVIM_OUT       where the JSON result goes (required)
--   LSPTEST_SERVER_LOG     optional: the server logs at debug level to this file
--   LSPTEST_STEP_MS        bound of each wait (default 20000)
--   LSPTEST_NVIM_TIMEOUT_MS  watchdog: past it a failure result is written and
--                          Neovim quits whatever it is doing (default 90000)
-- Only APIs present in 0.7 (start_client, buf_attach_client,
-- vim.diagnostic.get, codelens.refresh/get/run, buf.code_action); every
-- step waits on a condition with a bound, never a fixed sleep.
local server = os.getenv('LSPTEST_SERVER')
local outfile = os.getenv('LSPTEST_NVIM_OUT')
local serverLog = os.getenv('LSPTEST_SERVER_LOG')
local step_ms = tonumber(os.getenv('LSPTEST_STEP_MS') or '') or 20000
local total_ms = tonumber(os.getenv('LSPTEST_NVIM_TIMEOUT_MS') or '') or 90000

local VERIFY = 'goroot-lens.verify'
local v = vim.version()
local out = {
  nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch),
  steps = {}, -- name -> true once reached
  publishes = {}, -- raw publishDiagnostics params (as the server sent them)
  showMessages = {},
  codeActionTitles = {},
  codeActionChosen = nil,
  executeCommands = {}, -- responses to workspace/executeCommand, in arrival order
  notifications = {}, -- vim.notify calls (Neovim reports LSP trouble there)
  errors = {},
}
local t0 = vim.loop.hrtime()
local function ms() return (vim.loop.hrtime() - t0) / 1e6 end
local finished = false

local function write(json)
  local f = io.open(outfile, 'w')
  if f then
    f:write(json, '\n')
    f:close()
  end
end

local function finish()
  if finished then return end
  finished = true
  out.totalMs = ms()
  local ok, json = pcall(vim.fn.json_encode, out)
  if not ok then json = vim.json.encode({ errors = { 'json_encode: ' .. tostring(json) } }) end
  write(json)
  io.stdout:write(json .. '\n')
  vim.cmd('qa!')
end

-- The watchdog runs in libuv's fast context: no vim.fn, no vim.cmd there.
local watchdog = vim.loop.new_timer()
watchdog:start(total_ms, 0, function()
  if finished then return end
  finished = true
  table.insert(out.errors, string.format('watchdog: scenario not finished after %d ms (last step reached: %s)',
    total_ms, tostring(out.lastStep)))
  local ok, json = pcall(vim.json.encode, out)
  if not ok then json = '{"errors":["watchdog fired; result not encodable"]}' end
  write(json)
  os.exit(3)
end)

local function step(name) out.steps[name] = ms(); out.lastStep = name end

local function fail(msg) table.insert(out.errors, msg) end

local function wait(name, cond)
  local ok = vim.wait(step_ms, cond, 10)
  if ok then step(name) else fail('timed out after ' .. step_ms .. ' ms: ' .. name) end
  return ok
end

vim.notify = function(msg, level)
  table.insert(out.notifications, { msg = tostring(msg), level = level, ms = ms() })
end

-- Every executeCommand response goes through this handler: code lens runs call
-- it explicitly, code actions' commands through the client's handler lookup.
vim.lsp.handlers['workspace/executeCommand'] = function(err, result, ctx)
  local params = ctx and ctx.params or {}
  table.insert(out.executeCommands, {
    command = params.command,
    err = err and { code = err.code, message = err.message } or vim.NIL,
    result = result == nil and vim.NIL or result,
    ms = ms(),
  })
end

local function main()
  local ok, err = pcall(function()
    if not server or server == '' then error('LSPTEST_SERVER is not set') end
    local bufnr = vim.api.nvim_get_current_buf()
    out.file = vim.api.nvim_buf_get_name(bufnr)
    local cmd = { server, 'serve', '--stdio' }
    if serverLog and serverLog ~= '' then
      vim.list_extend(cmd, { '--log-level', 'debug', '--log-file', serverLog })
    end
    local client_id = vim.lsp.start_client({
      name = 'goroot-lens',
      cmd = cmd,
      root_dir = vim.fn.getcwd(),
      handlers = {
        ['window/showMessage'] = function(_, result)
          table.insert(out.showMessages, { type = result.type, message = result.message, ms = ms() })
        end,
        ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
          table.insert(out.publishes, { uri = result.uri, diagnostics = result.diagnostics, ms = ms() })
          return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
        end,
      },
      on_init = function(_, result)
        out.initializeMs = ms()
        out.serverCapabilities = result.capabilities
        out.serverInfo = result.serverInfo
      end,
      on_exit = function(code, signal) out.exit = { code = code, signal = signal } end,
    })
    if not client_id then error('start_client failed') end
    out.clientId = client_id
    vim.lsp.buf_attach_client(bufnr, client_id)

    -- 1. diagnostics pushed after initialized
    wait('diagnostics', function()
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        if d.code == 'goroot-env-mismatch' then return true end
      end
      return false
    end)
    out.diagnostics = vim.tbl_map(function(d)
      return { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, code = d.code,
        source = d.source, message = d.message }
    end, vim.diagnostic.get(bufnr))

    -- 2. code lenses
    vim.lsp.codelens.refresh()
    wait('codelens', function()
      for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
        if l.command and l.command.command == VERIFY then return true end
      end
      return false
    end)
    out.codelens = vim.lsp.codelens.get(bufnr)

    -- 3. the quick fix through the real code_action path: the cursor on the
    --    diagnostic's line, vim.ui.select picks the preferred action (else the
    --    first); Neovim then applies its edit or sends workspace/executeCommand.
    local diag
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'goroot-env-mismatch' then diag = d end
    end
    if diag then
      vim.api.nvim_win_set_cursor(0, { diag.lnum + 1, 0 })
      local before = #out.executeCommands
      -- Items are {client_id, CodeAction}; pick the preferred fix of the
      -- goroot-env-mismatch diagnostic (other findings share the line).
      local function fixes_mismatch(action)
        for _, d in ipairs(action.diagnostics or {}) do
          if d.code == 'goroot-env-mismatch' then return true end
        end
        return false
      end
      vim.ui.select = function(items, opts, on_choice)
        local pick, score = 1, -1
        for i, it in ipairs(items) do
          table.insert(out.codeActionTitles, (opts.format_item(it)))
          local action = it[2] or {}
          local s = (fixes_mismatch(action) and 2 or 0) + (action.isPreferred and 1 or 0)
          if s > score then pick, score = i, s end
        end
        local chosen = items[pick] and items[pick][2]
        out.codeActionChosen = chosen and {
          title = chosen.title, kind = chosen.kind, isPreferred = chosen.isPreferred == true,
          forMismatch = fixes_mismatch(chosen), hasEdit = chosen.edit ~= nil,
          command = chosen.command and chosen.command.command or vim.NIL,
        } or vim.NIL
        on_choice(items[pick], pick)
      end
      vim.lsp.buf.code_action({ only = { 'quickfix' } })
      wait('codeaction', function() return #out.codeActionTitles > 0 end)
      -- The chosen action ran: its command answered (an edit-only action is done at once).
      wait('codeaction-executed', function()
        if out.codeActionChosen and out.codeActionChosen ~= vim.NIL and out.codeActionChosen.command == vim.NIL then
          return true
        end
        return #out.executeCommands > before
      end)
    end

    -- 4. run the "Verify GOROOT" lens (codelens.run -> workspace/executeCommand);
    --    with two lenses on the line, vim.ui.select picks the verify one.
    local lens
    for _, l in ipairs(out.codelens or {}) do
      if l.command and l.command.command == VERIFY then lens = l end
    end
    if lens then
      vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
      vim.ui.select = function(items, _, on_choice)
        for i, it in ipairs(items) do
          if it.lens and it.lens.command and it.lens.command.command == VERIFY then return on_choice(it, i) end
        end
        on_choice(items[1], 1)
      end
      vim.lsp.codelens.run()
      wait('verify', function()
        for _, e in ipairs(out.executeCommands) do
          if e.command == VERIFY then return true end
        end
        return false
      end)
      for _, e in ipairs(out.executeCommands) do
        if e.command == VERIFY then
          out.verify = e
          if type(e.result) == 'table' then out.verdict = e.result.verdict end
        end
      end
      wait('verify-message', function()
        for _, m in ipairs(out.showMessages) do
          if m.message:find('mismatch', 1, true) then return true end
        end
        return false
      end)
    end

    -- 5. shutdown + exit
    vim.lsp.stop_client(client_id)
    wait('exit', function() return out.exit ~= nil end)
  end)
  if not ok then fail(tostring(err)) end
  finish()
end

vim.api.nvim_create_autocmd('VimEnter', { callback = function() vim.schedule(main) end })
