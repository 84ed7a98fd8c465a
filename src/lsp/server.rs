//! The backend: protocol handlers that look up a document, call the core, convert, reply.
//!
//! Ordering: tower-lsp polls handlers concurrently (its issue #284), but it polls each new
//! handler future for the first time in arrival order. Every handler that changes the store
//! does so under a `std::sync::Mutex` before its first `.await`, so changes are applied exactly
//! in the order the client sent them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

use crate::analysis::{analyze_cancellable, Analysis};
use crate::config::{Config, ConfigProblem};
use crate::draft::DocKind;
use crate::position::Encoding;

use super::convert;
use super::documents::{apply_change, DocRole, Document};
use super::worker::Worker;

/// The language server. Cheap to clone: analysis tasks hold a clone.
#[derive(Clone)]
pub struct Backend(Arc<Inner>);

struct Inner {
    client: Client,
    state: Mutex<State>,
    /// Held while deciding to publish and publishing, so diagnostics leave in version order.
    publish: tokio::sync::Mutex<()>,
    shutdown: Arc<AtomicBool>,
    /// Runs the analyses.
    worker: Worker,
}

#[derive(Default)]
struct State {
    encoding: Encoding,
    docs: HashMap<Url, Document>,
    /// The last analysis of each draft, for code actions, hover and the outline.
    analyses: HashMap<Url, Arc<Computed>>,
    /// The generation last published for each document (not the version: a client may send
    /// versions that go backwards, or re-open a document with a lower one).
    published: HashMap<Url, u64>,
    /// The client's `jianggao` settings.
    settings: Value,
    /// Bumped whenever settings arrive, so a slow pull cannot overwrite newer pushed ones.
    settings_epoch: u64,
    root: Option<PathBuf>,
    pull_configuration: bool,
    debounce: Duration,
    /// Rule codes whose check panic was already logged.
    failures_logged: HashSet<&'static str>,
    /// Configuration problem sets already shown with `window/showMessage`.
    problems_shown: HashSet<String>,
    /// Config files a silencing quick fix edited in the editor, with the text it gave them
    /// and when: used while the editor keeps them unsaved and unopened to the server (the
    /// disk wins again once it is written after that).
    config_overlays: HashMap<PathBuf, (String, std::time::SystemTime)>,
    /// What workspace edits the client can apply.
    edit_support: super::silence::EditSupport,
    /// Whether the client lets the server register file watchers.
    watch_files: bool,
    /// The text of each open config file the drafts were last re-checked against: a config
    /// file checked again only for its stale entries (a draft was saved) re-checks nothing.
    config_seen: HashMap<Url, String>,
}

/// One analysis of one version of a draft, with the text it was computed on.
pub struct Computed {
    pub version: i32,
    pub generation: u64,
    pub rope: Rope,
    pub analysis: Analysis,
}

/// What an analysis job produced.
enum Outcome {
    Draft {
        computed: Computed,
        /// The findings as the diagnostics to publish, converted on the worker.
        diagnostics: Vec<Diagnostic>,
        /// Problems to show with `window/showMessage` (config file not open, or editor settings).
        problems: Vec<String>,
        debounce_ms: u64,
    },
    ConfigFile {
        problems: Vec<ConfigProblem>,
        /// `[[ignore]]` entries that no longer match anything (shown as information).
        stale: Vec<ConfigProblem>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftInfo {
    pub version: i32,
    pub spoken_chars: usize,
    pub minutes: u32,
    /// Number of findings per rule code.
    pub findings: BTreeMap<String, usize>,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        let worker = Worker::spawn();
        // Load word lists and regexes now, while the client and the server exchange
        // `initialize`, so that the first draft opened finds them ready. The residue patterns
        // compile on a thread of their own, the rest warms up on the worker; a draft opened
        // meanwhile is analysed after the warm-up, compiling or waiting for only the patterns
        // it needs. Where the dictionary is not compiled in, it is loading on its own thread
        // since the process started.
        drop(
            std::thread::Builder::new()
                .name("jianggao-patterns".to_owned())
                .spawn(crate::draft::residue::compile_patterns),
        );
        drop(worker.run(crate::analysis::warm_up_without_dictionary));
        Backend(Arc::new(Inner {
            client,
            state: Mutex::new(State {
                debounce: Duration::from_millis(crate::config::DEFAULT_DEBOUNCE_MS),
                ..State::default()
            }),
            publish: tokio::sync::Mutex::new(()),
            shutdown,
            worker,
        }))
    }

    /// The store. A handler panicking while holding it must not wedge the server.
    fn state(&self) -> MutexGuard<'_, State> {
        self.0
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn log(&self, typ: MessageType, message: String) {
        eprintln!("jianggao: {message}");
        self.0.client.log_message(typ, message).await;
    }

    /// Analyses `uri` after `delay` unless it changed again meanwhile. Must be called in the
    /// handler before any `.await`, so the generation read is the one this change produced.
    /// With `first_findings_early` (a draft just opened) and the dictionary still loading,
    /// what does not segment is published first.
    fn schedule(&self, uri: &Url, delay: Duration, first_findings_early: bool) {
        let Some(generation) = self.state().docs.get(uri).map(|d| d.generation) else {
            return;
        };
        let this = self.clone();
        let uri = uri.clone();
        tokio::spawn(async move {
            this.analyze_later(uri, generation, delay, first_findings_early)
                .await;
        });
    }

    /// Marks every open draft as needing a fresh analysis (config changed) and schedules it.
    fn recheck_all(&self) {
        let uris: Vec<Url> = {
            let mut state = self.state();
            state
                .docs
                .iter_mut()
                .filter(|(_, d)| matches!(d.role, DocRole::Draft(_)))
                .map(|(uri, d)| {
                    d.bump();
                    uri.clone()
                })
                .collect()
        };
        for uri in &uris {
            self.schedule(uri, Duration::ZERO, false);
        }
    }

    async fn analyze_later(
        &self,
        uri: Url,
        generation: u64,
        delay: Duration,
        first_findings_early: bool,
    ) {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        // The first diagnostics of a draft need not wait for the dictionary: what does not
        // segment is published first, then everything as soon as the dictionary is loaded.
        // (An edit waits: by then the dictionary is loaded, and each version's diagnostics
        // stay complete.)
        let mut wait_for_dictionary = !first_findings_early;
        loop {
            let job = {
                let state = self.state();
                let Some(doc) = state.docs.get(&uri).filter(|d| d.generation == generation) else {
                    return; // changed or closed meanwhile: a newer task owns it
                };
                Job {
                    wait_for_dictionary,
                    ..Job::new(&state, &uri, doc)
                }
            };
            let outcome = match self.0.worker.run(move || job.run()).await {
                Ok(Some(outcome)) => outcome,
                Ok(None) => return, // the document changed during the analysis: dropped
                Err(err) => {
                    self.log(
                        MessageType::ERROR,
                        format!("analysis of {uri} failed: {err}"),
                    )
                    .await;
                    return;
                }
            };
            let partial = matches!(
                &outcome,
                Outcome::Draft { computed, .. } if !computed.analysis.deferred.is_empty()
            );
            self.publish(uri.clone(), generation, outcome).await;
            if !partial {
                return;
            }
            // Wait off the worker, which serves other drafts meanwhile.
            let _ = tokio::task::spawn_blocking(crate::segment::warm_up).await;
            wait_for_dictionary = true;
        }
    }

    async fn publish(&self, uri: Url, generation: u64, outcome: Outcome) {
        let _order = self.0.publish.lock().await;
        let mut is_config = false;
        let (diagnostics, version, new_failures, problems) = {
            let mut guard = self.state();
            let state = &mut *guard;
            let Some(doc) = state.docs.get(&uri).filter(|d| d.generation == generation) else {
                return; // stale: the text or config changed while we analysed
            };
            let (version, rope) = (doc.version, doc.rope.clone());
            if state.published.get(&uri).is_some_and(|&g| g > generation) {
                return;
            }
            let encoding = state.encoding;
            let (diagnostics, new_failures, problems) = match outcome {
                Outcome::Draft {
                    computed,
                    diagnostics,
                    problems,
                    debounce_ms,
                } => {
                    state.debounce = Duration::from_millis(debounce_ms);
                    let new_failures =
                        unlogged_failures(&mut state.failures_logged, &computed.analysis.failures);
                    state.analyses.insert(uri.clone(), Arc::new(computed));
                    let problems = (!problems.is_empty())
                        .then(|| problems.join("；"))
                        .filter(|joined| state.problems_shown.insert(joined.clone()));
                    (diagnostics, new_failures, problems)
                }
                Outcome::ConfigFile { problems, stale } => {
                    let text = rope.to_string();
                    is_config = state.config_seen.get(&uri) != Some(&text);
                    state.config_seen.insert(uri.clone(), text);
                    let diagnostics = problems
                        .iter()
                        .map(|p| convert::config_diagnostic(p, &rope, encoding))
                        .chain(stale.iter().map(|p| Diagnostic {
                            severity: Some(DiagnosticSeverity::INFORMATION),
                            ..convert::config_diagnostic(p, &rope, encoding)
                        }))
                        .collect();
                    (diagnostics, Vec::new(), None)
                }
            };
            state.published.insert(uri.clone(), generation);
            (diagnostics, version, new_failures, problems)
        };
        self.0
            .client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
        drop(_order);
        for failure in new_failures {
            self.log(MessageType::ERROR, failure).await;
        }
        if let Some(problems) = problems {
            self.0
                .client
                .show_message(
                    MessageType::WARNING,
                    format!("jianggao 配置有误：{problems}"),
                )
                .await;
        }
        if is_config {
            self.recheck_all();
        }
    }

    /// The analysis of the document's current version, computing it now if the stored one is
    /// older (a request may arrive before the debounced analysis ran).
    async fn current(&self, uri: &Url) -> Option<(Arc<Computed>, Encoding)> {
        // A document can change (or be marked for re-checking by a config change, as happens
        // right after `initialized`) while it is analysed: try again a few times rather than
        // answer a request sent right after `didOpen` with nothing.
        for _ in 0..4 {
            let job =
                {
                    let state = self.state();
                    let doc = state.docs.get(uri)?;
                    if !matches!(doc.role, DocRole::Draft(_)) {
                        return None;
                    }
                    if let Some(computed) = state.analyses.get(uri).filter(|c| {
                        c.generation == doc.generation && c.analysis.deferred.is_empty()
                    }) {
                        return Some((computed.clone(), state.encoding));
                    }
                    Job::new(&state, uri, doc)
                };
            let computed = match self.0.worker.run(move || job.run()).await {
                Ok(Some(Outcome::Draft { computed, .. })) => computed,
                Ok(None) => continue, // changed while computing
                _ => return None,
            };
            let mut state = self.state();
            let doc = state.docs.get(uri)?;
            if doc.generation != computed.generation {
                continue; // changed while computing: never serve a stale text
            }
            let computed = Arc::new(computed);
            state.analyses.insert(uri.clone(), computed.clone());
            return Some((computed, state.encoding));
        }
        None
    }

    async fn unknown(&self, uri: &Url, what: &str) {
        self.log(
            MessageType::WARNING,
            format!("{what} for unknown document {uri} ignored"),
        )
        .await;
    }

    /// The `jianggao.toml` the silencing quick fixes for `draft` edit: the one that applies to
    /// it, else a new one at the workspace root (or beside the draft), with its current text.
    fn config_target(
        &self,
        draft: &Url,
    ) -> (
        Option<super::silence::ConfigTarget>,
        super::silence::EditSupport,
    ) {
        let state = self.state();
        let support = state.edit_support;
        let dir = draft
            .to_file_path()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let open_config = |path: &Path| {
            state.docs.iter().find(|(u, d)| {
                d.role == DocRole::ConfigFile && u.to_file_path().ok().as_deref() == Some(path)
            })
        };
        let known = |path: &Path| {
            open_config(path).is_some()
                || state.config_overlays.contains_key(path)
                || path.is_file()
        };
        let nearest = dir.as_deref().and_then(|dir| {
            dir.ancestors()
                .map(|d| d.join(crate::config::CONFIG_FILE_NAME))
                .find(|p| known(p))
        });
        // The root's file applies to drafts inside the root (and to unsaved ones) only.
        let in_root = state
            .root
            .as_ref()
            .filter(|root| dir.as_ref().is_none_or(|d| d.starts_with(root)))
            .map(|r| r.join(crate::config::CONFIG_FILE_NAME));
        let Some(path) = nearest
            .or(in_root)
            .or_else(|| dir.map(|d| d.join(crate::config::CONFIG_FILE_NAME)))
        else {
            return (None, support);
        };
        let Ok(uri) = Url::from_file_path(&path) else {
            return (None, support);
        };
        let (text, version) = match open_config(&path) {
            Some((_, doc)) => (Some(doc.rope.to_string()), Some(doc.version)),
            None => (config_text(&path, &overlays_of(&state)), None),
        };
        if text.is_none() && path.exists() {
            return (None, support); // there but unreadable: nothing safe to offer
        }
        (
            Some(super::silence::ConfigTarget {
                path,
                uri,
                text,
                version,
            }),
            support,
        )
    }

    /// Asks the client to tell the server when a `jianggao.toml` changes on disk.
    async fn watch_config_files(&self) {
        let registration = Registration {
            id: "jianggao-config-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        crate::config::CONFIG_FILE_NAME
                    )),
                    kind: None,
                }],
            })
            .ok(),
        };
        if let Err(err) = self.0.client.register_capability(vec![registration]).await {
            self.log(
                MessageType::WARNING,
                format!("could not watch jianggao.toml files: {err}"),
            )
            .await;
        }
    }

    pub async fn document_text(&self, params: DocumentParams) -> Result<DocumentText> {
        let state = self.state();
        let doc = state
            .docs
            .get(&params.text_document.uri)
            .ok_or_else(|| Error::invalid_params("unknown document"))?;
        Ok(DocumentText {
            version: doc.version,
            text: doc.rope.to_string(),
        })
    }

    pub async fn draft_info(&self, params: DocumentParams) -> Result<DraftInfo> {
        let (computed, _) = self
            .current(&params.text_document.uri)
            .await
            .ok_or_else(|| Error::invalid_params("unknown or changing draft"))?;
        let outline = &computed.analysis.outline;
        let mut findings = BTreeMap::new();
        for finding in &computed.analysis.findings {
            *findings.entry(finding.rule.to_owned()).or_insert(0) += 1;
        }
        Ok(DraftInfo {
            version: computed.version,
            spoken_chars: outline.spoken_chars,
            minutes: outline.minutes(outline.spoken_chars),
            findings,
        })
    }

    /// Asks the client for its settings in a task of its own (a handler awaiting the client
    /// would hold up `exit`), then re-checks every draft.
    fn pull_then_recheck(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            this.pull_configuration().await;
            this.recheck_all();
        });
    }

    /// Logs what was wrong with a frame whose message was recovered (see [`super::transport`]).
    pub async fn framing_problem(&self, params: super::transport::FramingProblem) {
        self.log(
            MessageType::WARNING,
            format!("malformed frame ({}); its message was read", params.problem),
        )
        .await;
    }

    /// Logs a notification tower-lsp drops because its params do not parse.
    pub async fn log_malformed(&self, problem: String) {
        self.log(MessageType::WARNING, problem).await;
    }

    /// Answers a malformed message (see [`super::transport`]) with the error it deserves.
    pub async fn invalid_message(&self, params: super::transport::InvalidMessage) -> Result<()> {
        self.log(
            MessageType::WARNING,
            format!("malformed message: {}", params.error),
        )
        .await;
        Err(Error {
            code: params.code.into(),
            message: params.error.into(),
            data: None,
        })
    }

    async fn pull_configuration(&self) {
        let epoch = {
            let state = self.state();
            if !state.pull_configuration {
                return;
            }
            state.settings_epoch
        };
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("jianggao".to_owned()),
        };
        match self.0.client.configuration(vec![item]).await {
            // A client without settings for the section answers null: keep what we have.
            Ok(mut values) if values.first().is_some_and(|v| !v.is_null()) => {
                let mut state = self.state();
                if state.settings_epoch == epoch {
                    state.settings = values.swap_remove(0);
                    state.settings_epoch += 1;
                }
            }
            Ok(_) => {}
            Err(err) => {
                self.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {err}"),
                )
                .await
            }
        }
    }
}

/// Diagnostics published per document at most; `check` reports all of them.
pub const MAX_PUBLISHED: usize = 1000;

/// Why a notification the server handles would be dropped (its params do not parse), as a
/// log line; `None` when it is fine. tower-lsp drops such a notification without a word, and
/// the editor must learn why the server's copy of a document may now differ from its own.
pub fn malformed_notification(method: &str, params: Option<&Value>) -> Option<String> {
    fn parse<T: serde::de::DeserializeOwned>(
        params: Option<&Value>,
    ) -> std::result::Result<(), String> {
        match params {
            Some(params) => T::deserialize(params).map(drop).map_err(|e| e.to_string()),
            None => Err("no params".to_owned()),
        }
    }
    let result = match method {
        "textDocument/didOpen" => parse::<DidOpenTextDocumentParams>(params),
        "textDocument/didChange" => parse::<DidChangeTextDocumentParams>(params),
        "textDocument/didSave" => parse::<DidSaveTextDocumentParams>(params),
        "textDocument/didClose" => parse::<DidCloseTextDocumentParams>(params),
        "workspace/didChangeConfiguration" => parse::<DidChangeConfigurationParams>(params),
        _ => Ok(()),
    };
    let err = result.err()?;
    let uri = params
        .and_then(|p| p.pointer("/textDocument/uri"))
        .and_then(Value::as_str)
        .map_or(String::new(), |uri| format!(" for {uri}"));
    Some(format!(
        "malformed {method}{uri} ignored ({err}); the server's copy may now differ from the editor's"
    ))
}

/// Log lines for checks that panicked, once per rule code over the server's life.
fn unlogged_failures(
    logged: &mut HashSet<&'static str>,
    failures: &[crate::analysis::CheckFailure],
) -> Vec<String> {
    failures
        .iter()
        .filter(|failure| {
            // Record every rule of the check (no short-circuit); log if any is new.
            failure.rules.iter().filter(|r| logged.insert(r)).count() > 0
        })
        .map(|failure| {
            format!(
                "check for {} panicked: {}",
                failure.rules.join(", "),
                failure.message
            )
        })
        .collect()
}

/// The client's settings object: the `jianggao` section when wrapped in one.
fn settings_section(value: Option<Value>) -> Value {
    match value {
        Some(Value::Object(mut map)) if map.contains_key("jianggao") => {
            map.remove("jianggao").unwrap_or(Value::Null)
        }
        Some(value) => value,
        None => Value::Null,
    }
}

fn overlays_of(state: &State) -> Vec<(PathBuf, String, std::time::SystemTime)> {
    state
        .config_overlays
        .iter()
        .map(|(path, (text, at))| (path.clone(), text.clone(), *at))
        .collect()
}

/// The text of a config file that is not open in the editor: what a quick fix made it, unless
/// the file was written since (then the disk is the truth again), else the disk's.
fn config_text(
    path: &Path,
    overlays: &[(PathBuf, String, std::time::SystemTime)],
) -> Option<String> {
    let overlay = overlays.iter().find(|(p, _, _)| p == path);
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match overlay {
        Some((_, text, at)) if modified.is_none_or(|m| m <= *at) => Some(text.clone()),
        _ => std::fs::read_to_string(path).ok(),
    }
}

/// Everything an analysis needs, taken from the store so it runs without the lock.
struct Job {
    uri: Url,
    rope: Rope,
    version: i32,
    generation: u64,
    /// Cancelled when the document changes again.
    token: crate::cancel::Token,
    role: DocRole,
    settings: Value,
    root: Option<PathBuf>,
    /// How the client counts columns.
    encoding: Encoding,
    /// Config files open in the editor: their unsaved text wins over the disk.
    open_config_files: Vec<(PathBuf, String)>,
    /// Config files edited by a quick fix but not open (see `State::config_overlays`).
    config_overlays: Vec<(PathBuf, String, std::time::SystemTime)>,
    /// Drafts open in the editor, for the stale `[[ignore]]` entries of a config file.
    open_drafts: Vec<(PathBuf, String, DocKind)>,
    /// Wait for the segmenter's dictionary if it is still loading; otherwise the checks that
    /// segment are deferred and the analysis is partial (see [`Analysis::deferred`]).
    wait_for_dictionary: bool,
}

impl Job {
    fn new(state: &State, uri: &Url, doc: &Document) -> Job {
        Job {
            uri: uri.clone(),
            rope: doc.rope.clone(),
            version: doc.version,
            generation: doc.generation,
            token: doc.token(),
            role: doc.role,
            settings: state.settings.clone(),
            root: state.root.clone(),
            encoding: state.encoding,
            open_config_files: state
                .docs
                .iter()
                .filter(|(_, d)| d.role == DocRole::ConfigFile)
                .filter_map(|(u, d)| Some((u.to_file_path().ok()?, d.rope.to_string())))
                .collect(),
            config_overlays: overlays_of(state),
            open_drafts: match doc.role {
                DocRole::ConfigFile => state
                    .docs
                    .iter()
                    .filter_map(|(u, d)| match d.role {
                        DocRole::Draft(kind) => {
                            Some((u.to_file_path().ok()?, d.rope.to_string(), kind))
                        }
                        DocRole::ConfigFile => None,
                    })
                    .collect(),
                DocRole::Draft(_) => Vec::new(),
            },
            wait_for_dictionary: true,
        }
    }

    /// The outcome, or `None` when the document changed before the analysis finished.
    fn run(self) -> Option<Outcome> {
        if self.token.is_cancelled() {
            return None; // superseded while it waited for the worker
        }
        let text = self.rope.to_string();
        let kind = match self.role {
            DocRole::ConfigFile => {
                let (config, problems) = Config::from_toml(&text);
                let stale = self.stale_entries(config);
                return Some(Outcome::ConfigFile { problems, stale });
            }
            DocRole::Draft(kind) => kind,
        };
        let (config, problems) = self.config();
        let token = self.token.clone();
        let analysis = if self.wait_for_dictionary {
            analyze_cancellable(&text, kind, &config, token)?
        } else {
            crate::segment::without_waiting(|| analyze_cancellable(&text, kind, &config, token))?
        };
        // Here rather than in `publish`: off the protocol's threads and the state lock, and
        // through the text's line index, which is cheaper than the rope's (a few hundred
        // microseconds per keystroke on a 100 KB draft).
        let diagnostics = convert::published_diagnostics(
            &analysis.findings,
            MAX_PUBLISHED,
            &crate::position::LineIndex::new(&text),
            self.encoding,
            &self.uri,
            analysis.docs_url.as_deref(),
        );
        Some(Outcome::Draft {
            diagnostics,
            computed: Computed {
                version: self.version,
                generation: self.generation,
                rope: self.rope,
                analysis,
            },
            problems,
            debounce_ms: config.debounce_ms,
        })
    }

    /// The `[[ignore]]` entries of this config file (`config`, read from it) that match
    /// nothing any more in the drafts they name (open in the editor, else on disk).
    fn stale_entries(&self, mut config: Config) -> Vec<ConfigProblem> {
        let Some(root) = self
            .uri
            .to_file_path()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        else {
            return Vec::new();
        };
        config.root = Some(root.clone());
        let mut stale = Vec::new();
        let mut files: Vec<&str> = config.ignore.iter().map(|e| e.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        for file in files {
            let path = root.join(file);
            let open = self.open_drafts.iter().find(|(p, _, _)| *p == path);
            let (text, kind) = match open {
                Some((_, text, kind)) => (text.clone(), *kind),
                None => match std::fs::read_to_string(&path) {
                    Ok(text) => (text, DocKind::from_path(&path.to_string_lossy())),
                    // Word documents and unreadable files: cannot tell, say nothing.
                    Err(_) if path.exists() => continue,
                    Err(_) => {
                        stale.extend(config.ignore.iter().filter(|e| e.file == file).map(|e| {
                            ConfigProblem {
                                key: format!("ignore.{}", e.number),
                                message: format!(
                                    "第 {} 条 [[ignore]] 所指的文件 “{file}” 不存在，可以删除这一条",
                                    e.number
                                ),
                            }
                        }));
                        continue;
                    }
                },
            };
            let scoped = config.for_draft(Some(&path));
            let analysis = crate::analysis::analyze_with(&text, kind, &scoped);
            stale.extend(
                crate::silence::stale_entries(&scoped, &analysis.silenced)
                    .into_iter()
                    .map(|e| ConfigProblem {
                        key: format!("ignore.{}", e.number),
                        message: format!(
                            "第 {} 条 [[ignore]] 已不再匹配：“{file}” 中没有规则 {} 标出的 “{}”，可以删除这一条",
                            e.number, e.rule, e.text
                        ),
                    }),
            );
        }
        stale
    }

    /// The config file that applies to a draft in `dir`: the nearest `jianggao.toml` on disk
    /// or known to the server (open in the editor, or just edited by a quick fix).
    fn find_config(&self, dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(crate::config::CONFIG_FILE_NAME))
            .find(|candidate| {
                self.open_config_files.iter().any(|(p, _)| p == candidate)
                    || self.config_overlays.iter().any(|(p, _, _)| p == candidate)
                    || candidate.is_file()
            })
    }

    /// The config for this draft, and the problems the user should be told about here (those
    /// of a config file open in the editor show as diagnostics on it instead).
    fn config(&self) -> (Config, Vec<String>) {
        let draft = self.uri.to_file_path().ok();
        let dir = draft
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.root.clone());
        let file = dir.as_deref().and_then(|dir| self.find_config(dir));
        let open = file
            .as_ref()
            .and_then(|f| self.open_config_files.iter().find(|(p, _)| p == f));
        let text = match (&file, open) {
            (_, Some((_, text))) => Some(text.clone()),
            (Some(path), None) => config_text(path, &self.config_overlays),
            (None, None) => None,
        };
        let (mut config, _) = Config::from_sources(&self.settings, text.as_deref());
        config.root = file
            .as_ref()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .or_else(|| self.root.clone());
        let config = config.for_draft(draft.as_deref());
        let mut shown: Vec<String> = Config::from_json(&self.settings)
            .1
            .into_iter()
            .map(|p| format!("编辑器设置：{}", p.message))
            .collect();
        if let (Some(path), Some(text), None) = (&file, &text, open) {
            shown.extend(
                Config::from_toml(text)
                    .1
                    .into_iter()
                    .map(|p| format!("{}：{}", path.display(), p.message)),
            );
        }
        (config, shown)
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let (encoding, kind) = if offered.contains(&PositionEncodingKind::UTF8) {
            (Encoding::Utf8, PositionEncodingKind::UTF8)
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            (Encoding::Utf32, PositionEncodingKind::UTF32)
        } else {
            (Encoding::Utf16, PositionEncodingKind::UTF16)
        };
        #[allow(deprecated)] // root_uri is still what most clients send
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|uri| uri.to_file_path().ok());
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.root = root;
            state.pull_configuration = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false);
            state.settings = settings_section(params.initialization_options);
            let workspace = params.capabilities.workspace.as_ref();
            let workspace_edit = workspace.and_then(|w| w.workspace_edit.as_ref());
            let create = workspace_edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create));
            state.edit_support = super::silence::EditSupport {
                // Resource operations only travel in documentChanges: a client that can
                // create files takes documentChanges even if it does not say so (Neovim).
                document_changes: create
                    || workspace_edit
                        .and_then(|e| e.document_changes)
                        .unwrap_or(false),
                create,
            };
            state.watch_files = workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            convert::fix_all_kind(),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![super::silence::CONFIG_EDITED.to_owned()],
                    ..ExecuteCommandOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "jianggao".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let encoding = self.state().encoding;
        self.log(
            MessageType::INFO,
            format!(
                "jianggao {} ready ({encoding:?} positions)",
                env!("CARGO_PKG_VERSION")
            ),
        )
        .await;
        self.pull_then_recheck();
        if self.state().watch_files {
            // In a task of its own: a handler awaiting the client would hold up `exit`.
            let this = self.clone();
            tokio::spawn(async move { this.watch_config_files().await });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let role = DocRole::of(&item.uri, &item.language_id);
        {
            let mut state = self.state();
            let doc = Document::open(
                Rope::from_str(&item.text),
                item.version,
                role,
                state.docs.get(&item.uri),
            );
            state.docs.insert(item.uri.clone(), doc);
            // Opened afresh: whatever version it had before, the next analysis is published.
            state.published.remove(&item.uri);
        }
        self.schedule(&item.uri, Duration::ZERO, true);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let applied = {
            let mut state = self.state();
            let encoding = state.encoding;
            let delay = state.debounce;
            state.docs.get_mut(&uri).map(|doc| {
                let errors: Vec<String> = params
                    .content_changes
                    .iter()
                    .filter_map(|change| apply_change(&mut doc.rope, change, encoding).err())
                    .map(|err| format!("{uri}: {err}"))
                    .collect();
                doc.version = params.text_document.version;
                doc.bump();
                (errors, delay)
            })
        };
        let Some((errors, delay)) = applied else {
            return self.unknown(&uri, "didChange").await;
        };
        self.schedule(&uri, delay, false);
        for error in errors {
            self.log(MessageType::WARNING, error).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if DocRole::of(&uri, "") == DocRole::ConfigFile {
            if let Some(doc) = self.state().docs.get_mut(&uri) {
                doc.bump();
            }
            self.schedule(&uri, Duration::ZERO, false);
        } else {
            // A saved draft may have lost what an [[ignore]] entry named: the open config
            // files show their stale entries again.
            let configs: Vec<Url> = {
                let mut state = self.state();
                state
                    .docs
                    .iter_mut()
                    .filter(|(_, d)| d.role == DocRole::ConfigFile)
                    .map(|(u, d)| {
                        d.bump();
                        u.clone()
                    })
                    .collect()
            };
            for config in &configs {
                self.schedule(config, Duration::ZERO, false);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = {
            let mut state = self.state();
            state.analyses.remove(&uri);
            state.published.remove(&uri);
            state.config_seen.remove(&uri);
            state.docs.remove(&uri)
        };
        let Some(closed) = closed else {
            return self.unknown(&uri, "didClose").await;
        };
        closed.cancel_all();
        if closed.role == DocRole::ConfigFile {
            // The file on disk applies again.
            self.recheck_all();
        }
        self.0
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = match params.settings {
            Value::Object(mut map) if map.contains_key("jianggao") => map.remove("jianggao"),
            _ => None,
        };
        match pushed {
            Some(settings) => {
                let mut state = self.state();
                state.settings = settings;
                state.settings_epoch += 1;
                drop(state);
                self.recheck_all();
            }
            None => self.pull_then_recheck(),
        }
    }

    /// A config file changed on disk: it applies at once (unless open: the buffer wins).
    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut changed = false;
        {
            let mut state = self.state();
            for event in &params.changes {
                if DocRole::of(&event.uri, "") != DocRole::ConfigFile {
                    continue;
                }
                changed = true;
                if let Ok(path) = event.uri.to_file_path() {
                    state.config_overlays.remove(&path);
                }
            }
        }
        if changed {
            self.recheck_all();
        }
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != super::silence::CONFIG_EDITED {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let edited = params.arguments.first().and_then(|a| {
            let uri = Url::parse(a.get("uri")?.as_str()?).ok()?;
            let text = a.get("text")?.as_str()?.to_owned();
            Some((uri.to_file_path().ok()?, text))
        });
        let Some((path, text)) = edited else {
            return Err(Error::invalid_params("expected [{uri, text}]"));
        };
        self.state()
            .config_overlays
            .insert(path, (text, std::time::SystemTime::now()));
        self.recheck_all();
        Ok(None)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((computed, encoding)) = self.current(&uri).await else {
            return Ok(None);
        };
        let rope = &computed.rope;
        let start = convert::offset(rope, params.range.start, encoding);
        let end = convert::offset(rope, params.range.end, encoding).max(start);
        let findings = &computed.analysis.findings;
        let docs = computed.analysis.docs_url.as_deref();
        let (target, support) = self.config_target(&uri);
        let text = rope.to_string();
        let draft = uri.to_file_path().ok();
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        for finding in findings
            .iter()
            .filter(|f| f.range.start <= end && start <= f.range.end)
        {
            actions.extend(convert::quick_fixes(finding, rope, encoding, &uri, docs));
            if let Some(target) = &target {
                let root = target.path.parent().unwrap_or(Path::new("/"));
                let edits = super::silence::edits_for(finding, &text, draft.as_deref(), root);
                let diagnostic = convert::diagnostic(finding, rope, encoding, &uri, docs);
                actions.extend(super::silence::actions(
                    &edits,
                    target,
                    support,
                    encoding,
                    &diagnostic,
                ));
            }
        }
        actions.extend(convert::fix_all_actions(
            findings, rope, encoding, &uri, docs,
        ));
        if let Some(only) = params.context.only {
            actions.retain(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().is_some_and(|k| {
                    only.iter().any(|o| {
                        k.as_str() == o.as_str()
                            || k.as_str().starts_with(&format!("{}.", o.as_str()))
                    })
                }),
                CodeActionOrCommand::Command(_) => false,
            });
        }
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some((computed, encoding)) = self.current(&at.text_document.uri).await else {
            return Ok(None);
        };
        let offset = convert::offset(&computed.rope, at.position, encoding);
        let under: Vec<&crate::finding::Finding> = computed
            .analysis
            .findings
            .iter()
            .filter(|f| f.range.contains(&offset) || f.range.start == offset)
            .collect();
        Ok(convert::hover(&under, &computed.rope, encoding))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((computed, encoding)) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let symbols = convert::document_symbols(&computed.analysis, &computed.rope, encoding);
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    /// Formatting makes half-width punctuation in Chinese text full-width (the
    /// `punctuation-width` fixes), so format-on-save normalises a pasted text.
    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some((computed, encoding)) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let edits = crate::checks::punctuation_width::formatting_edits(&computed.analysis.findings);
        Ok(Some(convert::text_edits(&edits, &computed.rope, encoding)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((computed, _)) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(convert::folding_ranges(
            &computed.analysis.outline,
            &computed.rope,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::CheckFailure;

    #[test]
    fn a_panicking_check_is_logged_once_per_rule() {
        let mut logged = HashSet::new();
        let failure = |rules: Vec<&'static str>| CheckFailure {
            rules,
            message: "index out of bounds".into(),
        };
        let first = unlogged_failures(&mut logged, &[failure(vec!["numbering", "numbering-gap"])]);
        assert_eq!(
            first,
            ["check for numbering, numbering-gap panicked: index out of bounds"]
        );
        assert!(unlogged_failures(&mut logged, &[failure(vec!["numbering"])]).is_empty());
        assert!(unlogged_failures(&mut logged, &[failure(vec!["numbering-gap"])]).is_empty());
        assert_eq!(
            unlogged_failures(&mut logged, &[failure(vec!["stock-phrase"])]).len(),
            1
        );
    }

    /// Issue 14, item 4: what tower-lsp would drop in silence is named.
    #[test]
    fn malformed_notifications_are_described() {
        let uri = "file:///tmp/a.txt";
        let no_text = serde_json::json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                          "end": {"line": 0, "character": 0}}}]
        });
        let message = malformed_notification("textDocument/didChange", Some(&no_text)).unwrap();
        assert!(
            message.starts_with("malformed textDocument/didChange for file:///tmp/a.txt ignored (missing field `text`"),
            "{message}"
        );
        let negative = serde_json::json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": -1, "character": 0},
                                          "end": {"line": 0, "character": 0}}, "text": "x"}]
        });
        assert!(malformed_notification("textDocument/didChange", Some(&negative)).is_some());
        let wrong_type = serde_json::json!({"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": "一", "text": ""}});
        assert!(malformed_notification("textDocument/didOpen", Some(&wrong_type)).is_some());
        assert!(malformed_notification("textDocument/didClose", None).is_some());
        let fine = serde_json::json!({"textDocument": {"uri": uri}});
        assert_eq!(
            malformed_notification("textDocument/didClose", Some(&fine)),
            None
        );
        // Notifications the server does not handle are not its business.
        assert_eq!(malformed_notification("$/setTrace", None), None);
    }

    #[test]
    fn settings_section_unwraps_jianggao() {
        let wrapped = serde_json::json!({"jianggao": {"enable": false}});
        assert_eq!(
            settings_section(Some(wrapped)),
            serde_json::json!({"enable": false})
        );
        let bare = serde_json::json!({"enable": false});
        assert_eq!(settings_section(Some(bare.clone())), bare);
        assert_eq!(settings_section(None), Value::Null);
    }
}
