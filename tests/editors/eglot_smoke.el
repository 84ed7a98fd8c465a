;;; eglot_smoke.el --- jianggao in Emacs eglot, in batch mode (manual check, not run by CI)
;;
;;   JIANGGAO_BIN=target/debug/jianggao emacs --batch -l tests/editors/eglot_smoke.el
;;
;; Uses the configuration from editors/README.md, opens a copy of
;; tests/fixtures/editors/draft.txt in text-mode and waits for eglot's flymake diagnostics.
;; Exits 0 when the two placeholder findings arrive at lines 5 and 19 as warnings (the
;; severity comes from eglot-workspace-configuration, so the settings reach the server).

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
         (lines (mapcar #'car found))
         (types (mapcar #'cadr found)))
    (dolist (d found) (message "line %d %s %s" (nth 0 d) (nth 1 d) (nth 2 d)))
    ;; eglot 1.9 (Debian's, for Emacs 28) sends `shutdown` with `"params": null`, which
    ;; tower-lsp answers with -32602; newer eglot sends no params. Not part of this check.
    (condition-case err (eglot-shutdown (eglot-current-server))
      (error (message "eglot-shutdown: %S" err)))
    (if (and (equal lines '(5 19)) (equal types '(eglot-warning eglot-warning)))
        (progn (message "eglot: ok") (kill-emacs 0))
      (message "eglot: FAIL %S" found)
      (kill-emacs 1))))
