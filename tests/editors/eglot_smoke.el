;;; eglot_smoke.el --- jianggao in Emacs eglot, in batch mode (manual check, not run by CI)
;;
;;   JIANGGAO_BIN=$PWD/target/debug/jianggao emacs --batch -l tests/editors/eglot_smoke.el
;;
;; Uses the configuration from editors/README.md, opens a copy of
;; tests/fixtures/editors/draft.txt in text-mode and waits for eglot's flymake diagnostics.
;; Exits 0 when the two placeholder findings arrive at lines 5 and 19 as warnings (the
;; severity comes from eglot-workspace-configuration, so the settings reach the server), and
;; when `shutdown' sent as eglot 1.9 sends it (`"params": null') is answered with null and the
;; server then exits with code 0.

(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar jg-root (expand-file-name "../.." (file-name-directory load-file-name)))
(defvar jg-bin (or (getenv "JIANGGAO_BIN") "jianggao"))

;; The README's configuration, with the binary from JIANGGAO_BIN.
(add-to-list 'eglot-server-programs `((text-mode markdown-mode) . (,jg-bin "lsp")))
(setq-default eglot-workspace-configuration
              '(:jianggao (:rules (:placeholder (:severity "warning")))))

;; A throwaway directory is not a project; let eglot treat it as one.
(setq project-find-functions (list (lambda (dir) (cons 'transient dir))))

(let* ((dir (make-temp-file "jianggao-eglot" t))
       (file (expand-file-name "draft.txt" dir)))
  (copy-file (expand-file-name "tests/fixtures/editors/draft.txt" jg-root) file)
  (find-file file)
  (text-mode)
  (apply #'eglot (eglot--guess-contact))
  (let ((deadline (+ (float-time) 20)))
    (while (and (< (float-time) deadline) (< (length (flymake-diagnostics)) 2))
      (accept-process-output nil 0.1)))
  (let* ((found (mapcar (lambda (d)
                          (list (line-number-at-pos (flymake-diagnostic-beg d))
                                (flymake-diagnostic-type d)
                                (flymake-diagnostic-text d)))
                        (flymake-diagnostics)))
         (found (sort found (lambda (a b) (< (car a) (car b)))))
         (placeholders (seq-filter (lambda (d) (string-match-p "\\[placeholder\\]" (nth 2 d)))
                                   found))
         (lines (mapcar #'car placeholders))
         (types (mapcar #'cadr placeholders)))
    (dolist (d found) (message "line %d %s %s" (nth 0 d) (nth 1 d) (nth 2 d)))
    ;; `shutdown' as eglot 1.9 (Debian's, for Emacs 28) sends it, with `"params": null',
    ;; must be answered with null; after `exit' the server must end by itself with code 0.
    ;; (Not through `eglot-shutdown': jsonrpc.el kills the process right after `exit'.)
    (let* ((server (eglot-current-server))
           (process (jsonrpc--process server))
           (shutdown (condition-case err (list :result (jsonrpc-request server :shutdown nil))
                       (error (list :error err)))))
      (jsonrpc-notify server :exit nil)
      (let ((deadline (+ (float-time) 10)))
        (while (and (< (float-time) deadline) (process-live-p process))
          (accept-process-output nil 0.1)))
      (let ((exit-code (and (not (process-live-p process)) (process-exit-status process))))
        (message "shutdown: %S, server exit code: %S" shutdown exit-code)
        (if (and (equal lines '(5 19)) (equal types '(eglot-warning eglot-warning))
                 (equal shutdown '(:result nil)) (eql exit-code 0))
            (progn (message "eglot: ok") (kill-emacs 0))
          (message "eglot: FAIL %S" found)
          (kill-emacs 1))))))
