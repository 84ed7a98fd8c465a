-- End-to-end test of jianggao in a real Neovim (≥ 0.10), driven headless:
--
--   JIANGGAO_BIN=target/debug/jianggao nvim --headless --clean -l editors/nvim/tests/e2e.lua
--
-- It loads the plugin from editors/nvim, opens a copy of tests/fixtures/editors/draft.txt,
-- waits for the server's diagnostics and asserts the exact rule codes and lines Neovim received,
-- edits the buffer with nvim_buf_set_text and checks the fixed findings disappear, changes the
-- settings live, asks for the speaking time, the outline and the fix-all code action.
--
-- Assertions that need rules or features which land on other branches are marked 'auto' in
-- STEPS and EXPECTED below: they are switched on when the server binary has them (its
-- `jianggao rules --format json` lists the rule, or `jianggao outline --help` works), and are
-- then exact like the others. `true` forces one on; for one run,
--   JIANGGAO_E2E_ENABLE=numbering-gap,missing-closing,residue,outline,code-action,speaking-time
-- forces them on (rule codes turn on EXPECTED entries, other names turn on STEPS).
--
-- Environment: JIANGGAO_BIN (server binary, default `jianggao`), JIANGGAO_E2E_FIXTURE (draft),
-- JIANGGAO_E2E_LEGACY=1 (use the Neovim 0.10 code path: vim.lsp.start from FileType),
-- JIANGGAO_E2E_ENCODING=utf-16|utf-8|utf-32 (the only position encoding Neovim offers; by
-- default it offers all three and the server picks), JIANGGAO_E2E_TIMEOUT_MS (each wait,
-- default 15000), JIANGGAO_E2E_SETTINGS (JSON merged into
-- the `jianggao` settings the plugin sends; used to check the test fails when the server is
-- told to report nothing).
-- Exit code 0 when every enabled assertion holds, 1 otherwise.

local STEPS = {
  ['draft-info'] = true, -- `jianggao/draftInfo`: version and findings per rule
  ['settings'] = true, -- turning a rule off live (workspace/didChangeConfiguration) and back on
  ['speaking-time'] = 'auto', -- draftInfo's spokenChars and minutes (with the draft model)
  ['outline'] = 'auto', -- textDocument/documentSymbol equals OUTLINE (with the draft model)
  ['code-action'] = 'auto', -- "删除全部网页残留" removes the residue (with a fix-all rule)
  ['silence'] = true, -- the quick fix 不再提示“XX局” writes jianggao.toml and the finding goes
}

-- Every diagnostic the fixture must produce, 1-based lines as in the editor. `at` is the text
-- the diagnostic starts with (this also checks the position encoding: the lines hold CJK text
-- before each finding). `fixed_by` names the EDITS step that makes it go away. `enabled`:
-- true, false (skipped, and diagnostics of the rule are ignored), or 'auto' (on when the
-- server's registry lists the rule; when off, any diagnostic of the rule fails the test).
-- A diagnostic of a rule that has no entry here fails the test (a false alarm on this draft).
local EXPECTED = {
  { rule = 'placeholder', line = 5, at = 'XX同志', severity = 'ERROR', fixed_by = 'name', enabled = true },
  { rule = 'placeholder', line = 19, at = 'XX局', severity = 'ERROR', fixed_by = 'silence', enabled = true },
  { rule = 'numbering-gap', line = 15, at = '三是', severity = 'WARN', fixed_by = 'gap', enabled = 'auto' },
  { rule = 'missing-closing', line = 19, severity = 'WARN', enabled = 'auto' },
  { rule = 'residue', line = 16, at = '共2页，当前第1页', severity = 'WARN', fixed_by = 'code-action', enabled = 'auto' },
}

-- Edits made through nvim_buf_set_text (1-based line; `find` is replaced by `with`).
local EDITS = {
  { name = 'name', line = 5, find = 'XX', with = '王刚' },
  { name = 'gap', line = 15, find = '三是', with = '二是' },
}

-- The outline (textDocument/documentSymbol) after the edits: one name per symbol, two spaces of
-- indentation per level (details, which hold the speaking time, are not compared). On a
-- mismatch the received outline is printed in this format, ready to paste.
local OUTLINE = {
  '在全市社区服务工作推进会上的讲话',
  '  在全市社区服务工作推进会上的讲话',
  '  同志们：',
  '  开头',
  '  认清形势，增强做好社区服务的责任感',
  '  突出重点，把各项任务落到实处',
  '    完善服务网络，让居民步行十五分钟就能办成常用事项',
  '    加强队伍建设，每个社区至少配备两名专职社工',
  '  强化保障，确保工作取得实效',
}

local FIX_ALL = 'source.fixAll.jianggao'
local FIX_ALL_TITLE = '删除全部网页残留'

-- Harness ----------------------------------------------------------------------------------

local TIMEOUT = tonumber(os.getenv('JIANGGAO_E2E_TIMEOUT_MS') or '') or 15000
local script_dir = vim.fs.dirname(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p'))
local plugin_dir = vim.fs.dirname(script_dir)
local repo_dir = vim.fs.dirname(vim.fs.dirname(plugin_dir))
local fixture = os.getenv('JIANGGAO_E2E_FIXTURE') or (repo_dir .. '/tests/fixtures/editors/draft.txt')
local server = os.getenv('JIANGGAO_BIN') or 'jianggao'

for name in (os.getenv('JIANGGAO_E2E_ENABLE') or ''):gmatch('[%w-]+') do
  local matched = false
  for _, e in ipairs(EXPECTED) do
    if e.rule == name then
      e.enabled, matched = true, true
    end
  end
  if STEPS[name] ~= nil then
    STEPS[name], matched = true, true
  end
  if not matched then
    io.stderr:write('JIANGGAO_E2E_ENABLE: unknown name ' .. name .. '\n')
    os.exit(2)
  end
end

-- What the binary has, for the 'auto' switches.
local function registry()
  local ok, result = pcall(function()
    return vim.system({ server, 'rules', '--format', 'json' }, { text = true }):wait(10000)
  end)
  if not ok or result.code ~= 0 then
    return {}
  end
  local decoded_ok, decoded = pcall(vim.json.decode, result.stdout)
  local rules = {}
  for _, rule in ipairs(decoded_ok and type(decoded) == 'table' and decoded.rules or {}) do
    rules[rule.code] = rule
  end
  return rules
end

local function has_outline_command()
  local ok, result = pcall(function()
    return vim.system({ server, 'outline', '--help' }, { text = true }):wait(10000)
  end)
  return ok and result.code == 0
end

local auto_notes = {}
-- Switches that 'auto' turned off. The server must then really lack the feature: a diagnostic
-- of such a rule, an outline, a speaking time or a fix-all action fails the test, so a broken
-- `jianggao rules` cannot switch checks off unnoticed.
local AUTO_OFF = {}
do
  local rules = registry()
  local fix_all_rule = false
  for _, rule in pairs(rules) do
    if rule.fixAllTitle == FIX_ALL_TITLE then
      fix_all_rule = true
    end
  end
  local outline = has_outline_command()
  local have = { ['code-action'] = fix_all_rule, ['outline'] = outline, ['speaking-time'] = outline }
  for name, value in pairs(STEPS) do
    if value == 'auto' then
      STEPS[name] = have[name] == true
      AUTO_OFF[name] = not STEPS[name]
      table.insert(auto_notes, name .. (STEPS[name] and ' on' or ' off'))
    end
  end
  for _, e in ipairs(EXPECTED) do
    if e.enabled == 'auto' then
      e.enabled = rules[e.rule] ~= nil
      AUTO_OFF[e.rule] = AUTO_OFF[e.rule] or not e.enabled
      table.insert(auto_notes, e.rule .. '@' .. e.line .. (e.enabled and ' on' or ' off'))
    end
  end
  table.sort(auto_notes)
end

local passed, failed = 0, 0
local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end
local function ok(what)
  passed = passed + 1
  say('ok - ' .. what)
end
local function fail(what, detail)
  failed = failed + 1
  say('FAIL - ' .. what .. (detail and ('\n' .. detail) or ''))
end
local function check(cond, what, detail)
  if cond then
    ok(what)
  else
    fail(what, detail)
  end
  return cond
end

-- A fatal failure: later steps cannot run.
local Abort = {}
local function abort(what, detail)
  fail(what, detail)
  error(Abort)
end

-- Every publishDiagnostics the client received, in order.
local publishes = {}
local server_exit = nil
-- window/showMessage from the server: a complaint about the settings the plugin sent.
local shown_messages = {}

local function on_publish(err, result, ctx, config)
  table.insert(publishes, {
    version = result and result.version,
    count = result and result.diagnostics and #result.diagnostics or 0,
  })
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local buf

local function buffer_version()
  local versions = vim.lsp.util.buf_versions
  return (versions and versions[buf]) or vim.b[buf].changedtick
end

local function client()
  return require('jianggao').clients(buf)[1]
end

-- Waits for a publishDiagnostics for the buffer's current version (or an unversioned one that
-- arrived after `since`), then for the server to settle (no new publish for 300 ms).
local function wait_diagnostics(what, since)
  local want = buffer_version()
  local got = vim.wait(TIMEOUT, function()
    if server_exit then
      return true
    end
    for i = since + 1, #publishes do
      local v = publishes[i].version
      if v == nil or v >= want then
        return true
      end
    end
    return false
  end, 20)
  if server_exit then
    abort(what, 'the server exited (code ' .. tostring(server_exit) .. ')')
  end
  if not got then
    abort(what, string.format('no publishDiagnostics for version %d within %d ms (%d received)', want, TIMEOUT, #publishes))
  end
  local count = #publishes
  while vim.wait(300, function()
    return #publishes > count
  end, 20) do
    count = #publishes
  end
end

local severity_names = { 'ERROR', 'WARN', 'INFO', 'HINT' }

local function by_line_then_rule(a, b)
  if a.line ~= b.line then
    return a.line < b.line
  end
  return a.rule < b.rule
end

-- The jianggao diagnostics Neovim holds for the buffer, as comparable strings.
local function received()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'jianggao' then
      local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
      table.insert(out, {
        rule = tostring(d.code),
        line = d.lnum + 1,
        text = line:sub(d.col + 1),
        severity = severity_names[d.severity] or tostring(d.severity),
        message = d.message,
      })
    end
  end
  table.sort(out, by_line_then_rule)
  return out
end

local function describe(list)
  local lines = {}
  for _, d in ipairs(list) do
    table.insert(lines, string.format('    %s line %d: %s', d.rule, d.line, vim.fn.strcharpart(d.text or '', 0, 12)))
  end
  return #lines > 0 and table.concat(lines, '\n') or '    (none)'
end

-- Asserts the received diagnostics are exactly the enabled EXPECTED entries not yet fixed.
local function assert_diagnostics(what, fixed)
  local enabled_rules, known_rules = {}, {}
  local want = {}
  for _, e in ipairs(EXPECTED) do
    known_rules[e.rule] = true
    if e.enabled then
      enabled_rules[e.rule] = true
      if not (e.fixed_by and fixed[e.fixed_by]) then
        table.insert(want, e)
      end
    end
  end
  table.sort(want, by_line_then_rule)
  local got, ignored = {}, {}
  local problems = {}
  for _, d in ipairs(received()) do
    if AUTO_OFF[d.rule] then
      table.insert(problems, string.format("%s line %d: the server reports %s, but its registry does not list it ('auto' is off)",
        d.rule, d.line, d.rule))
    end
    if enabled_rules[d.rule] or not known_rules[d.rule] then
      table.insert(got, d)
    else
      table.insert(ignored, d)
    end
  end
  if #got ~= #want then
    table.insert(problems, string.format('expected %d diagnostics, received %d', #want, #got))
  end
  for i = 1, math.max(#got, #want) do
    local e, d = want[i], got[i]
    if not e or not d or e.rule ~= d.rule or e.line ~= d.line then
      table.insert(problems, string.format('#%d: expected %s, received %s', i,
        e and (e.rule .. ' line ' .. e.line) or 'nothing', d and (d.rule .. ' line ' .. d.line) or 'nothing'))
    else
      if e.at and d.text:sub(1, #e.at) ~= e.at then
        table.insert(problems, string.format('#%d %s line %d: starts at %q, expected %q', i, e.rule, e.line,
          vim.fn.strcharpart(d.text, 0, vim.fn.strchars(e.at) + 2), e.at))
      end
      if e.severity and d.severity ~= e.severity then
        table.insert(problems, string.format('#%d %s line %d: severity %s, expected %s', i, e.rule, e.line, d.severity, e.severity))
      end
      if d.message == nil or d.message == '' then
        table.insert(problems, string.format('#%d %s line %d: empty message', i, e.rule, e.line))
      end
    end
  end
  local detail = nil
  if #problems > 0 then
    detail = '  ' .. table.concat(problems, '\n  ') .. '\n  received:\n' .. describe(got)
  end
  check(#problems == 0, what .. string.format(' (%d diagnostics)', #want), detail)
  if #ignored > 0 then
    say('# ignored (rules switched off in EXPECTED):\n' .. describe(ignored))
  end
end

local function edit(step)
  local row = step.line - 1
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ''
  local col = line:find(step.find, 1, true)
  if not col then
    abort('edit ' .. step.name, string.format('line %d has no %q: %s', step.line, step.find, line))
  end
  vim.api.nvim_buf_set_text(buf, row, col - 1, row, col - 1 + #step.find, { step.with })
end

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end

local function request_sync(method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not responses then
    return nil, err or 'timeout'
  end
  for _, res in pairs(responses) do
    if res.err then
      return nil, vim.inspect(res.err)
    end
    return res.result
  end
  return nil, 'no response'
end

local function outline_lines(symbols)
  local lines = {}
  local function walk(list, depth)
    for _, s in ipairs(list or {}) do
      table.insert(lines, string.rep('  ', depth) .. s.name)
      walk(s.children, depth + 1)
    end
  end
  walk(symbols, 0)
  return lines
end

local function run()
  local version = vim.version()
  say(string.format('# Neovim %d.%d.%d, server %s, fixture %s', version.major, version.minor, version.patch, server, fixture))
  if #auto_notes > 0 then
    say('# auto: ' .. table.concat(auto_notes, ', '))
  end
  if vim.fn.has('nvim-0.10') ~= 1 then
    abort('Neovim 0.10 or newer is required')
  end

  -- Work on a copy, so nothing can write to the repository's fixture.
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local draft = dir .. '/draft.txt'
  vim.fn.writefile(vim.fn.readfile(fixture, 'b'), draft, 'b')
  local original = vim.fn.readfile(draft)

  vim.opt.runtimepath:prepend(plugin_dir)
  vim.o.swapfile = false
  vim.cmd('filetype on')
  local attached = false
  vim.api.nvim_create_autocmd('LspAttach', {
    callback = function(args)
      local c = vim.lsp.get_client_by_id(args.data.client_id)
      if c and c.name == 'jianggao' then
        attached = true
      end
    end,
  })
  require('jianggao').setup({
    cmd = { server, 'lsp' },
    legacy = os.getenv('JIANGGAO_E2E_LEGACY') == '1',
    -- No settings by default, as most users have: they must still reach the server as an object.
    settings = vim.json.decode(os.getenv('JIANGGAO_E2E_SETTINGS') or '{}', { luanil = { object = true } }),
    client = {
      -- Neovim 0.10 takes `capabilities` as the whole set: extend the defaults.
      capabilities = os.getenv('JIANGGAO_E2E_ENCODING') and vim.tbl_deep_extend('force',
        vim.lsp.protocol.make_client_capabilities(),
        { general = { positionEncodings = { os.getenv('JIANGGAO_E2E_ENCODING') } } }) or nil,
      handlers = {
        ['textDocument/publishDiagnostics'] = on_publish,
        ['window/showMessage'] = function(_, result)
          table.insert(shown_messages, result and result.message or '?')
        end,
      },
      on_exit = function(code)
        server_exit = code
      end,
    },
  })

  vim.cmd.edit(vim.fn.fnameescape(draft))
  buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'text', 'the draft opens as filetype text', 'filetype: ' .. vim.bo[buf].filetype)

  local up = vim.wait(TIMEOUT, function()
    return attached or server_exit ~= nil
  end, 20)
  if not attached then
    abort('the server attaches to the buffer', up and ('the server exited with code ' .. tostring(server_exit))
      or ('no LspAttach within ' .. TIMEOUT .. ' ms'))
  end
  local encoding = client().offset_encoding
  ok('the server attaches to the buffer (' .. tostring(encoding) .. ' positions)')
  local wanted = os.getenv('JIANGGAO_E2E_ENCODING')
  if wanted then
    check(encoding == wanted, 'the server uses the one position encoding offered', 'negotiated ' .. tostring(encoding))
  end

  wait_diagnostics('diagnostics for the opened draft', 0)
  assert_diagnostics('diagnostics for the opened draft', {})

  local fixed = {}
  for _, step in ipairs(EDITS) do
    local since = #publishes
    edit(step)
    fixed[step.name] = true
    wait_diagnostics('diagnostics after edit ' .. step.name, since)
    assert_diagnostics(string.format('after edit %s (line %d: %s → %s)', step.name, step.line, step.find, step.with), fixed)
  end

  if STEPS['settings'] then
    local since = #publishes
    require('jianggao').update_settings({ rules = { placeholder = { severity = 'off' } } })
    -- The server re-checks on its own; no buffer change, so wait for any new publish.
    local got = vim.wait(TIMEOUT, function()
      return #publishes > since or server_exit ~= nil
    end, 20)
    if got then
      wait_diagnostics('diagnostics after turning placeholder off', since)
    end
    local placeholders = 0
    for _, d in ipairs(received()) do
      if d.rule == 'placeholder' then
        placeholders = placeholders + 1
      end
    end
    check(got and placeholders == 0, 'settings: rules.placeholder.severity = off removes placeholder diagnostics live',
      got and (placeholders .. ' placeholder diagnostics left') or 'no publishDiagnostics after didChangeConfiguration')
    since = #publishes
    require('jianggao').update_settings({})
    got = vim.wait(TIMEOUT, function()
      return #publishes > since or server_exit ~= nil
    end, 20)
    if got then
      wait_diagnostics('diagnostics after restoring the settings', since)
    end
    assert_diagnostics('settings restored: the same diagnostics are back', fixed)
  else
    say('# skipped: settings')
  end

  if STEPS['draft-info'] then
    local info, err = request_sync('jianggao/draftInfo', { textDocument = vim.lsp.util.make_text_document_params(buf) })
    if not info then
      fail('jianggao/draftInfo answers', err)
    else
      local detail = vim.inspect(info)
      check(info.version == buffer_version(), 'draftInfo is for the current version', detail)
      -- findings: the number of findings per rule code, as the diagnostics show them.
      local per_rule = {}
      for _, d in ipairs(received()) do
        per_rule[d.rule] = (per_rule[d.rule] or 0) + 1
      end
      check(vim.deep_equal(info.findings, per_rule), 'draftInfo counts the findings per rule like the diagnostics',
        detail .. '\n  diagnostics: ' .. vim.inspect(per_rule))
      if STEPS['speaking-time'] then
        -- 312 letters and digits with the title, 296 without; at 220 per minute, about 1 minute.
        check(type(info.spokenChars) == 'number' and info.spokenChars >= 290 and info.spokenChars <= 315,
          'draftInfo counts the spoken characters (about 300 in this draft)', detail)
        check(info.minutes == 1, 'draftInfo estimates 1 minute at 220 characters per minute (rounded)', detail)
        -- The plugin's own request, as the statusline uses it.
        local answered = false
        require('jianggao').refresh_info(buf, function()
          answered = true
        end)
        vim.wait(TIMEOUT, function()
          return answered
        end, 20)
        local line = require('jianggao').statusline()
        check(line == '约 1 分钟', "require('jianggao').statusline() shows the speaking time", 'statusline: ' .. line)
      else
        say('# skipped: speaking-time')
        if AUTO_OFF['speaking-time'] then
          check(info.spokenChars == 0, "speaking-time is 'auto'-off, so the server counts nothing", detail)
        end
      end
    end
  else
    say('# skipped: draft-info')
  end

  if STEPS['outline'] then
    local symbols, err = request_sync('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
    if not symbols then
      fail('textDocument/documentSymbol answers', err)
    else
      local got = outline_lines(symbols)
      check(vim.deep_equal(got, OUTLINE), 'the outline is the expected tree',
        '  received:\n' .. (#got == 0 and '    (nothing)' or table.concat(vim.tbl_map(function(l)
          return string.format('    %q,', l)
        end, got), '\n')))
      -- :JianggaoOutline fills the location list with the same symbols.
      vim.fn.setloclist(0, {}, 'r')
      vim.cmd('JianggaoOutline')
      local listed = vim.wait(TIMEOUT, function()
        return #vim.fn.getloclist(0) > 0
      end, 20)
      check(listed and #vim.fn.getloclist(0) == #OUTLINE, ':JianggaoOutline lists ' .. #OUTLINE .. ' symbols',
        'location list: ' .. #vim.fn.getloclist(0) .. ' items')
      vim.cmd('silent! lclose')
    end
  else
    say('# skipped: outline')
    if AUTO_OFF['outline'] then
      local symbols = request_sync('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
      check(symbols == nil or #symbols == 0, "outline is 'auto'-off, so the server has no outline",
        '  received ' .. #(symbols or {}) .. ' symbols but `jianggao outline --help` failed')
    end
  end

  if STEPS['code-action'] then
    -- The result: the text after the edits, without the residue line.
    local want = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    local residue_line
    for _, e in ipairs(EXPECTED) do
      if e.fixed_by == 'code-action' then
        residue_line = e.line
      end
    end
    table.remove(want, residue_line)
    local before = vim.b[buf].changedtick
    local titles = {}
    local actions = request_sync('textDocument/codeAction', {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
      context = { diagnostics = {}, only = { FIX_ALL } },
    }) or {}
    for _, a in ipairs(actions) do
      table.insert(titles, a.title)
    end
    check(#actions == 1 and actions[1].title == FIX_ALL_TITLE and actions[1].kind == FIX_ALL,
      'one fix-all action titled ' .. FIX_ALL_TITLE, 'actions: ' .. vim.inspect(titles))
    -- Apply it the way a user does: through the plugin's :JianggaoFixAll.
    local since = #publishes
    vim.cmd('JianggaoFixAll')
    local changed = vim.wait(TIMEOUT, function()
      return vim.b[buf].changedtick ~= before
    end, 20)
    check(changed and buffer_text() == table.concat(want, '\n'), ':JianggaoFixAll deletes the residue line',
      changed and ('  buffer:\n' .. buffer_text()) or 'the buffer did not change')
    fixed['code-action'] = true
    if changed then
      wait_diagnostics('diagnostics after the code action', since)
      -- Lines after the deleted one moved up by one.
      for _, e in ipairs(EXPECTED) do
        if residue_line and e.line > residue_line then
          e.line = e.line - 1
        end
      end
      assert_diagnostics('after the code action', fixed)
    end
  else
    say('# skipped: code-action')
    if AUTO_OFF['code-action'] then
      local actions = request_sync('textDocument/codeAction', {
        textDocument = vim.lsp.util.make_text_document_params(buf),
        range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
        context = { diagnostics = {}, only = { FIX_ALL } },
      }) or {}
      check(#actions == 0, "code-action is 'auto'-off, so the server offers no fix-all action",
        '  received ' .. #actions .. ' actions but no rule in the registry has the title ' .. FIX_ALL_TITLE)
    end
  end

  if STEPS['silence'] then
    -- Chosen from the code-action menu as a user does: Neovim applies the WorkspaceEdit (it
    -- creates jianggao.toml beside the draft and edits it in a buffer) and runs its command.
    local title = '不再提示“XX局”'
    local since = #publishes
    local row
    for _, e in ipairs(EXPECTED) do
      if e.fixed_by == 'silence' then
        row = e.line
      end
    end
    local line = vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1] or ''
    local col = line:find('XX局', 1, true)
    check(col ~= nil, 'line ' .. row .. ' still holds XX局', line)
    vim.api.nvim_win_set_cursor(0, { row, (col or 1) - 1 })
    vim.lsp.buf.code_action({
      apply = true,
      filter = function(action)
        return action.title == title
      end,
    })
    local got = vim.wait(TIMEOUT, function()
      for _, d in ipairs(received()) do
        if d.rule == 'placeholder' then
          return false
        end
      end
      return #publishes > since
    end, 20)
    local toml = dir .. '/jianggao.toml'
    local toml_buf = -1
    local names = {}
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      local name = vim.api.nvim_buf_get_name(b)
      table.insert(names, name .. (vim.api.nvim_buf_is_loaded(b) and '' or ' (unloaded)'))
      if vim.fs.basename(name) == 'jianggao.toml' then
        toml_buf = b
      end
    end
    local toml_text = toml_buf ~= -1 and table.concat(vim.api.nvim_buf_get_lines(toml_buf, 0, -1, false), '\n')
      or ('(no buffer; buffers: ' .. table.concat(names, ', ') .. '; on disk: ' .. vim.fn.filereadable(toml) .. ')')
    -- The new file's one empty line stays after the inserted text (Neovim's buffer model).
    check(toml_text == '[words]\nallow = ["XX局"]\n', title .. ' puts the word in jianggao.toml', '  jianggao.toml:\n' .. toml_text)
    check(got, title .. ' makes the placeholder diagnostic disappear', '  diagnostics: ' .. describe(received()))
    fixed['silence'] = true
    if got then
      wait_diagnostics('diagnostics after ' .. title, since)
      assert_diagnostics('after ' .. title, fixed)
    end
  else
    say('# skipped: silence')
  end

  check(vim.deep_equal(vim.fn.readfile(draft), original), 'the draft on disk is untouched')
  check(#shown_messages == 0, 'the server showed no message (no complaint about the settings)',
    '  ' .. table.concat(shown_messages, '\n  '))
end

local status, err = pcall(run)
if not status and err ~= Abort then
  fail('harness error', tostring(err))
end
for _, c in ipairs(require('jianggao').clients()) do
  c.stop(c, true)
end
say(string.format('%d passed, %d failed', passed, failed))
os.exit(failed == 0 and passed > 0 and 0 or 1)
